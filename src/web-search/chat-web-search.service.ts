import { Injectable, Logger } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import { errorText } from '../common/errors.js';
import { GenerationService } from '../generation/generation.service.js';
import type { RagSource } from '../retrieval/rag-context.js';
import { RagSourcesService } from '../retrieval/rag-sources.service.js';
import { WebSearchService, type WebDocument } from './web-search.service.js';

/** A `status` event's data, as the web app shows it above the answer (and keeps in `statusHistory`). */
export type WebSearchStatus = Record<string, unknown> & { action: string; done: boolean };
export type StatusListener = (status: WebSearchStatus) => void;

/** The part of a completion request web search reads. */
export interface WebSearchQuestion {
  /** The chat model: the task model is chosen from it for query generation. */
  model: string;
  messages: { role: string; content: unknown }[];
  /** The user's last message: the fallback query, and what the pages are searched for. */
  text: string;
}

/**
 * Web search for a chat answer (`features.web_search`), as Open WebUI's chat_web_search_handler: search
 * queries from the task model (ENABLE_SEARCH_QUERY_GENERATION; else, or when it fails, the user's
 * message), the search, then the pages' best passages as the answer's sources. Status events tell the
 * user's tabs how it goes; a failure is a status, never a failed answer.
 */
@Injectable()
export class ChatWebSearch {
  private readonly logger = new Logger(ChatWebSearch.name);

  constructor(
    private readonly search: WebSearchService,
    private readonly generation: GenerationService,
    private readonly ragSources: RagSourcesService,
  ) {}

  mayUse(user: CallerUser): Promise<boolean> {
    return this.search.mayUse(user);
  }

  async sourcesFor(
    user: CallerUser,
    question: WebSearchQuestion,
    status: StatusListener = () => undefined,
    signal?: AbortSignal,
  ): Promise<RagSource[]> {
    status({ action: 'web_search', description: 'Searching the web', done: false });
    const queries = await this.queries(user, question);
    if (queries.length === 0) {
      status({ action: 'web_search', description: 'No search query generated', done: true });
      return [];
    }
    status({ action: 'web_search_queries_generated', queries, done: false });
    try {
      const found = await this.search.search(user, queries, signal);
      if (found.loaded_count === 0) {
        status({ action: 'web_search', description: 'No search results found', done: true, error: true });
        return [];
      }
      const item = { type: 'web_search', name: queries.join(', '), urls: found.filenames, queries };
      const sources = found.docs
        ? [documentsSource(item, found.docs)]
        : await this.ragSources.sourcesFor(
            user,
            (found.collection_names ?? []).map((collection_name) => ({ ...item, collection_name })),
            [question.text],
          );
      status({
        action: 'web_search',
        description: 'Searched {{count}} sites',
        urls: found.filenames,
        items: found.items,
        done: true,
      });
      return sources;
    } catch (error) {
      if (signal?.aborted) throw error;
      this.logger.warn(`web search for a chat answer failed: ${errorText(error)}`);
      status({
        action: 'web_search',
        description: 'An error occurred while searching the web',
        queries,
        done: true,
        error: true,
      });
      return [];
    }
  }

  /** The task model's queries (ENABLE_SEARCH_QUERY_GENERATION), or the user's message. */
  private async queries(user: CallerUser, question: WebSearchQuestion): Promise<string[]> {
    const generated = await this.generation.queries(user, 'web_search', question.model, question.messages);
    return generated.length > 0 ? generated : [question.text].filter((text) => text.trim());
  }
}

/** BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: the pages' whole text is the source. */
function documentsSource(item: Record<string, unknown>, docs: WebDocument[]): RagSource {
  return {
    source: item,
    document: docs.map((doc) => doc.content),
    metadata: docs.map((doc) => ({ ...doc.metadata })),
    distances: docs.map(() => 1),
  };
}
