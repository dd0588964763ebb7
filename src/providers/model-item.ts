/** A model as `GET /api/models` returns it, with the keys the web app reads; provider-specific keys ride along. */
export interface ModelItem {
  id: string;
  name: string;
  object: 'model';
  created: number;
  owned_by: string;
  connection_type?: string;
  urlIdx?: number;
  tags: { name: string }[];
  actions: unknown[];
  filters: unknown[];
  info?: Record<string, unknown>;
  preset?: boolean;
  arena?: boolean;
  openai?: Record<string, unknown>;
  ollama?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The id the provider itself knows the model by (without our connection prefix). */
export function providerModelId(item: ModelItem): string {
  return (
    (item.openai as { id?: string } | undefined)?.id ??
    (item.ollama as { model?: string } | undefined)?.model ??
    item.id
  );
}
