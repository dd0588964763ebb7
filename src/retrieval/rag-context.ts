/** A source as the web app shows it under an answer (its citations): the item, and the chunks used. */
export interface RagSource {
  source: Record<string, unknown>;
  document: string[];
  metadata: Record<string, unknown>[];
  distances: number[];
}

/**
 * The context for the prompt, as Open WebUI writes it: each chunk in a `<source>` tag numbered by
 * the document it comes from, so the model can cite `[1]`.
 */
export function contextString(sources: RagSource[]): string {
  const numbers = new Map<string, number>();
  const parts: string[] = [];
  for (const { source, document, metadata } of sources) {
    const name = typeof source.name === 'string' ? source.name : undefined;
    document.forEach((text, index) => {
      const key = [metadata[index]?.source, source.id].find((value) => typeof value === 'string') ?? 'N/A';
      if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
      const nameAttribute = name ? ` name="${escapeAttribute(name)}"` : '';
      parts.push(`<source id="${numbers.get(key)}"${nameAttribute}>${text}</source>`);
    });
  }
  return parts.join('\n');
}

/** RAG_TEMPLATE with its placeholders filled (`{{CONTEXT}}`/`[context]`, `{{QUERY}}`/`[query]`). */
export function renderRagTemplate(template: string, context: string, query: string): string {
  // Replacer functions: `$` in the context or query must stay literal.
  return template
    .replace(/\{\{CONTEXT\}\}|\[context\]/g, () => context)
    .replace(/\{\{QUERY\}\}|\[query\]/g, () => query);
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
