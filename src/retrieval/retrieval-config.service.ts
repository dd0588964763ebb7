import { Injectable } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import type { RagSettings } from '../config/app-config.js';
import { type RuntimeSettings, SettingsService } from '../settings/settings.service.js';
import { webSettingsUpdate } from '../web-search/web-settings.js';
import { ragSettingsUpdate } from './rag-settings-update.js';
import { EmbeddingSpacesService, type SearchMode } from './vectors/embedding-spaces.service.js';

/** The admin Documents page's settings (`/config`, `/embedding`) and the public summary (`/`). */
@Injectable()
export class RetrievalConfigService {
  constructor(
    private readonly settings: SettingsService,
    private readonly spaces: EmbeddingSpacesService,
  ) {}

  private get rag(): RagSettings {
    return this.settings.get().rag;
  }

  searchMode(): Promise<SearchMode> {
    return this.spaces.searchMode(this.rag);
  }

  async summary() {
    const rag = this.rag;
    return {
      status: true,
      CHUNK_SIZE: rag.CHUNK_SIZE,
      CHUNK_OVERLAP: rag.CHUNK_OVERLAP,
      RAG_TEMPLATE: rag.RAG_TEMPLATE,
      RAG_EMBEDDING_ENGINE: rag.RAG_EMBEDDING_ENGINE,
      RAG_EMBEDDING_MODEL: rag.RAG_EMBEDDING_MODEL,
      RAG_RERANKING_MODEL: rag.RAG_RERANKING_MODEL,
      RAG_EMBEDDING_BATCH_SIZE: rag.RAG_EMBEDDING_BATCH_SIZE,
      ENABLE_ASYNC_EMBEDDING: rag.ENABLE_ASYNC_EMBEDDING,
      search_mode: await this.searchMode(),
    };
  }

  fullConfig() {
    return { status: true, ...this.rag, web: this.settings.get().web };
  }

  /** The Documents form, and the Web Search page's `web` object (saved in the same request, or alone). */
  async updateConfig(caller: CallerUser, input: Record<string, unknown>) {
    const web = this.settings.get().web;
    const webChanges = webSettingsUpdate(web, input.web);
    await this.save(caller, ragSettingsUpdate(this.rag, input), webChanges ? { web: { ...web, ...webChanges } } : {});
    return this.fullConfig();
  }

  /** The embedding form, with where vectors are ranked and how far re-embedding has come. */
  async embedding() {
    const rag = this.rag;
    return {
      status: true,
      RAG_EMBEDDING_ENGINE: rag.RAG_EMBEDDING_ENGINE,
      RAG_EMBEDDING_MODEL: rag.RAG_EMBEDDING_MODEL,
      RAG_EMBEDDING_BATCH_SIZE: rag.RAG_EMBEDDING_BATCH_SIZE,
      ENABLE_ASYNC_EMBEDDING: rag.ENABLE_ASYNC_EMBEDDING,
      openai_config: { url: rag.RAG_OPENAI_API_BASE_URL, key: rag.RAG_OPENAI_API_KEY },
      ollama_config: { url: rag.RAG_OLLAMA_BASE_URL, key: rag.RAG_OLLAMA_API_KEY },
      azure_openai_config: {
        url: rag.RAG_AZURE_OPENAI_BASE_URL,
        key: rag.RAG_AZURE_OPENAI_API_KEY,
        version: rag.RAG_AZURE_OPENAI_API_VERSION,
      },
      vector_store: this.spaces.storeKind,
      embedding_index: await this.spaces.progress(rag),
    };
  }

  /** The embedding form: engine and model at the top, each engine's connection nested. */
  async updateEmbedding(caller: CallerUser, input: Record<string, unknown>) {
    const nested = (key: string) => (input[key] ?? {}) as Record<string, unknown>;
    const openai = nested('openai_config');
    const ollama = nested('ollama_config');
    const azure = nested('azure_openai_config');
    const flat: Record<string, unknown> = {
      RAG_EMBEDDING_ENGINE: input.RAG_EMBEDDING_ENGINE ?? input.embedding_engine,
      RAG_EMBEDDING_MODEL: input.RAG_EMBEDDING_MODEL ?? input.embedding_model,
      RAG_EMBEDDING_BATCH_SIZE: input.RAG_EMBEDDING_BATCH_SIZE ?? input.embedding_batch_size,
      ENABLE_ASYNC_EMBEDDING: input.ENABLE_ASYNC_EMBEDDING,
      RAG_OPENAI_API_BASE_URL: openai.url,
      RAG_OPENAI_API_KEY: openai.key,
      RAG_OLLAMA_BASE_URL: ollama.url,
      RAG_OLLAMA_API_KEY: ollama.key,
      RAG_AZURE_OPENAI_BASE_URL: azure.url,
      RAG_AZURE_OPENAI_API_KEY: azure.key,
      RAG_AZURE_OPENAI_API_VERSION: azure.version,
    };
    await this.save(caller, ragSettingsUpdate(this.rag, flat));
    return this.embedding();
  }

  /** Saves the changes; a changed embedding model gets its vectors built by a job (the caller hears its progress). */
  private async save(caller: CallerUser, changes: Partial<RagSettings>, more: Partial<RuntimeSettings> = {}) {
    await this.settings.update({ rag: { ...this.rag, ...changes }, ...more });
    await this.spaces.ensure(this.rag, caller.id);
  }
}
