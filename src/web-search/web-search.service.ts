import { Injectable, Logger } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import type { AppConfig, WebSearchSettings } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { AppError, badRequest, errorText, forbidden } from '../common/errors.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { WebIngestService } from '../retrieval/web-ingest.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { mapConcurrently } from './concurrency.js';
import { allowedByDomainFilter } from './domain-filter.js';
import { callEngine } from './engines/engine-http.js';
import { checkLoader, configuredEngine } from './engines/engine-registry.js';
import type { SearchResult } from './engines/search-engine.js';

/** A loaded page (or a result's snippet), as Open WebUI's documents: its text and where it came from. */
export interface WebDocument {
  content: string;
  metadata: { source: string; title: string; link: string; snippet?: string };
}

/** `POST /process/web/search`: the pages as files of the caller, or (bypass mode) their text in `docs`. */
export interface WebSearchOutcome {
  status: true;
  collection_names?: string[];
  collection_name?: null;
  items: SearchResult[];
  filenames: string[];
  loaded_count: number;
  docs?: WebDocument[];
}

/** Settings keys whose values are secrets: never repeated in an error message. */
const SECRET_KEY = /KEY|_SK$|PASSWORD|SID$/;

/**
 * Web search: the configured engine asked each query, the links deduplicated, each result page read
 * only through the outbound rules (public addresses; ENABLE_RAG_LOCAL_WEB_FETCH lifts that as for
 * `process/web`) a few at a time, and the readable text kept as files of the caller, so only they
 * (and admins) can read them, never through a collection name someone could guess.
 */
@Injectable()
export class WebSearchService {
  private readonly logger = new Logger(WebSearchService.name);

  constructor(
    private readonly settings: SettingsService,
    private readonly permissions: PermissionsService,
    private readonly pages: WebIngestService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Whether web search is on and the caller may use it (`features.web_search`; admins always may). */
  async mayUse(user: CallerUser): Promise<boolean> {
    if (!this.settings.get().web.ENABLE_WEB_SEARCH) return false;
    return user.role === 'admin' || this.permissions.has(user.id, 'features', 'web_search');
  }

  /** The route's answer: searched, loaded and stored for the caller. */
  async searchForUser(caller: CallerUser, queries: string[]): Promise<WebSearchOutcome> {
    if (!this.settings.get().web.ENABLE_WEB_SEARCH) {
      throw badRequest('Web search is turned off: an admin can turn it on in Admin → Settings → Web Search');
    }
    if (!(await this.mayUse(caller))) throw forbidden();
    return this.search(caller, queries);
  }

  /** Searches, loads and stores; `signal` stops the engine requests (the chat's task was stopped). */
  async search(caller: CallerUser, queries: string[], signal?: AbortSignal): Promise<WebSearchOutcome> {
    const settings = this.settings.get().web;
    const items = await this.findResults(settings, queries, signal);
    const docs = settings.BYPASS_WEB_SEARCH_WEB_LOADER ? snippetDocuments(items) : await this.load(settings, items);
    signal?.throwIfAborted();
    const filenames = docs.map((doc) => doc.metadata.source);
    if (settings.BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL) {
      return { status: true, collection_name: null, items, filenames, loaded_count: docs.length, docs };
    }
    const collection_names: string[] = [];
    for (const doc of docs) {
      const meta = { source: doc.metadata.source, title: doc.metadata.title, web_search: true };
      const { collection_name } = await this.pages.ingestText(caller, doc.metadata.source, doc.content, meta);
      collection_names.push(collection_name);
    }
    return { status: true, collection_names, items, filenames, loaded_count: docs.length };
  }

  /** Every query's results, filtered by domain and cut to WEB_SEARCH_RESULT_COUNT, without repeated links. */
  private async findResults(settings: WebSearchSettings, queries: string[], signal?: AbortSignal) {
    const { name, engine } = configuredEngine(settings);
    if (!settings.BYPASS_WEB_SEARCH_WEB_LOADER) checkLoader(settings);
    const count = settings.WEB_SEARCH_RESULT_COUNT;
    const secrets = Object.entries(settings)
      .filter(([key, value]) => SECRET_KEY.test(key) && typeof value === 'string' && value.length >= 4)
      .map(([, value]) => value as string);
    const context = {
      settings,
      locale: this.settings.get().defaultLocale || 'en-US',
      call: (call: Parameters<typeof callEngine>[0]) =>
        callEngine(call, { engine: name, timeoutMs: this.config.webSearchTimeoutMs, secrets, signal }),
    };
    const limit = settings.WEB_SEARCH_CONCURRENT_REQUESTS || queries.length;
    const perQuery = await mapConcurrently(queries, limit, async (query) => {
      const found = await engine.search(context, query, count).catch((error: unknown) => {
        // Request failures are already 400s naming the engine; anything else (a bad base URL) becomes one.
        if (error instanceof AppError || signal?.aborted) throw error;
        throw badRequest(`Web search with ${name} failed: ${errorText(error)}`);
      });
      return found
        .filter((result) => allowedByDomainFilter(result.link, settings.WEB_SEARCH_DOMAIN_FILTER_LIST))
        .slice(0, count);
    });
    const seen = new Set<string>();
    return perQuery.flat().filter((result) => !seen.has(result.link) && seen.add(result.link));
  }

  /** The results' pages, WEB_LOADER_CONCURRENT_REQUESTS at a time; a page that cannot be read is left out. */
  private async load(settings: WebSearchSettings, items: SearchResult[]): Promise<WebDocument[]> {
    const loaded = await mapConcurrently(items, settings.WEB_LOADER_CONCURRENT_REQUESTS, async (item) => {
      try {
        const page = await this.pages.readPage(item.link);
        return pageDocument(item, page.text);
      } catch (error) {
        this.logger.debug(`web search: ${item.link} not loaded: ${errorText(error)}`);
        return null;
      }
    });
    return loaded.filter((doc): doc is WebDocument => doc !== null);
  }
}

function pageDocument(item: SearchResult, content: string): WebDocument {
  const metadata = { source: item.link, title: item.title || item.link, link: item.link };
  return { content, metadata: item.snippet ? { ...metadata, snippet: item.snippet } : metadata };
}

/** BYPASS_WEB_SEARCH_WEB_LOADER: the engines' snippets stand in for the pages. */
function snippetDocuments(items: SearchResult[]): WebDocument[] {
  return items.filter((item) => item.snippet?.trim()).map((item) => pageDocument(item, item.snippet!));
}
