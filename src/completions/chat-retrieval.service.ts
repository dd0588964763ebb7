import { Injectable } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import { GenerationService } from '../generation/generation.service.js';
import type { RagSource } from '../retrieval/rag-context.js';
import { type AttachedItem, RagSourcesService } from '../retrieval/rag-sources.service.js';
import { SettingsService } from '../settings/settings.service.js';

/** A `status` event's data for the user's tabs (dropped in HTTP mode). */
export type RetrievalStatus = (status: Record<string, unknown>) => void;

/** The part of a completion request retrieval reads. */
export interface RetrievalQuestion {
  /** The chat model: the task model is chosen from it. */
  model: string;
  messages: { role: string; content: unknown }[];
  /** The user's last message: the query when none is generated. */
  text: string;
}

/**
 * The attached documents' sources for a chat answer, as Open WebUI's chat_completion_files_handler:
 * retrieval queries from the task model (ENABLE_RETRIEVAL_QUERY_GENERATION, QUERY_GENERATION_PROMPT_TEMPLATE;
 * the user's message when it is off, fails or proposes none), each searched in every item and the results
 * merged; the `queries_generated` and `sources_retrieved` statuses tell the user's tabs.
 */
@Injectable()
export class ChatRetrieval {
  constructor(
    private readonly ragSources: RagSourcesService,
    private readonly generation: GenerationService,
    private readonly settings: SettingsService,
  ) {}

  async sourcesFor(
    user: CallerUser,
    question: RetrievalQuestion,
    items: AttachedItem[],
    status: RetrievalStatus = () => undefined,
  ): Promise<RagSource[]> {
    const queries = await this.queries(user, question);
    status({ action: 'queries_generated', queries, done: false });
    const sources = await this.ragSources.sourcesFor(user, items, queries);
    status({ action: 'sources_retrieved', count: distinctDocuments(sources), done: true });
    return sources;
  }

  private async queries(user: CallerUser, question: RetrievalQuestion): Promise<string[]> {
    const rag = this.settings.get().rag;
    // Whole documents go into the prompt: there is nothing to search for.
    if (rag.RAG_FULL_CONTEXT || rag.BYPASS_EMBEDDING_AND_RETRIEVAL) return [question.text];
    const generated = await this.generation.queries(user, 'retrieval', question.model, question.messages);
    return generated.length > 0 ? generated : [question.text];
  }
}

/** How many documents the chunks come from (the count upstream reports): each chunk's `source`, else its item's id. */
function distinctDocuments(sources: RagSource[]): number {
  const ids = new Set<unknown>();
  for (const { source, document, metadata } of sources) {
    document.forEach((_, index) => ids.add(metadata[index]?.source ?? source.id ?? 'N/A'));
  }
  return ids.size;
}
