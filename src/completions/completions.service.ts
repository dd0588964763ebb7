import { Injectable } from '@nestjs/common';
import { ChatAccessService } from '../chats/chat-access.service.js';
import { FoldersService } from '../folders/folders.service.js';
import { badRequest } from '../common/errors.js';
import { MemoriesService } from '../memories/memories.service.js';
import { ModelsService, type ResolvedModel } from '../models/models.service.js';
import { ProviderClient } from '../providers/provider-client.js';
import type { CallerUser } from '../access/auth-context.js';
import { type BeforeAnswer, BackgroundCompletions } from './background-completions.js';
import { ChatRetrieval, type RetrievalStatus } from './chat-retrieval.service.js';
import { contextString, type RagSource, renderRagTemplate } from '../retrieval/rag-context.js';
import { SettingsService } from '../settings/settings.service.js';
import { ChatWebSearch, type StatusListener } from '../web-search/chat-web-search.service.js';
import {
  attachedItems,
  buildProviderPayload,
  type CompletionRequest,
  lastUserText,
  modelKnowledge,
  parseCompletionRequest,
  wantsMemory,
  wantsWebSearch,
} from './completion-request.js';
import type { CompletionResult } from './completion-writer.js';

/** `POST /api/chat/completions`: HTTP mode streams straight through; socket mode runs in the background. */
@Injectable()
export class CompletionsService {
  constructor(
    private readonly models: ModelsService,
    private readonly chatAccess: ChatAccessService,
    private readonly folders: FoldersService,
    private readonly background: BackgroundCompletions,
    private readonly memories: MemoriesService,
    private readonly provider: ProviderClient,
    private readonly chatRetrieval: ChatRetrieval,
    private readonly settings: SettingsService,
    private readonly webSearch: ChatWebSearch,
  ) {}

  /** `signal` aborts the provider's answer (the caller went away). */
  async complete(user: CallerUser, body: Record<string, unknown>, signal: AbortSignal): Promise<CompletionResult> {
    const request = parseCompletionRequest(body);
    const model = await this.preflight(user, request);
    const searchesWeb = wantsWebSearch(request) && (await this.webSearch.mayUse(user));
    if (request.sessionId && request.chatId && request.messageId) {
      // In socket mode retrieval and search run in the task, so the user's tabs see their status events.
      const beforeAnswer: BeforeAnswer = async (status, signal) => {
        await this.addSources(user, request, model, status);
        if (searchesWeb) await this.addWebSources(user, request, status, signal);
      };
      return { kind: 'json', body: await this.background.start(user, request, model, beforeAnswer) };
    }
    await this.addSources(user, request, model);
    if (searchesWeb) await this.addWebSources(user, request);
    const payload = buildProviderPayload(request, model, request.stream);
    // What the client hears before the answer: the arena's pick and the sources (its citations).
    const extra = {
      ...(request.selectedModelId ? { selected_model_id: request.selectedModelId } : {}),
      ...(request.sources ? { sources: request.sources } : {}),
    };
    const announced = Object.keys(extra).length > 0 ? extra : undefined;
    if (!request.stream) {
      const answer = await this.provider.complete(model, payload, { signal });
      return { kind: 'json', body: announced ? { ...answer, ...announced } : answer };
    }
    const stream = await this.provider.stream(model, payload, { signal });
    return { kind: 'stream', stream, first: announced };
  }

  /** Model exists and is usable by the caller; a saved chat must be theirs. Failures are 400, as in Open WebUI. */
  private async preflight(user: CallerUser, request: CompletionRequest): Promise<ResolvedModel> {
    let model = await this.models.resolve(user, request.model);
    if (model?.item.arena) {
      model = await this.models.pickArenaModel(user, model);
      request.selectedModelId = model?.item.id;
    }
    if (!model) throw badRequest('Model not found');
    if (request.chatId && !request.chatId.startsWith('local:')) {
      const chat = await this.chatAccess.forCompletion(user, request.chatId);
      if (chat?.folder_id) await this.addFolderContext(request, chat.user_id, chat.folder_id);
    }
    if (wantsMemory(request)) request.memoryContext = await this.memories.contextFor(user.id, request.messages);
    return model;
  }

  /** The chunks of the attached documents and the model's knowledge for the question, through RAG_TEMPLATE. */
  private async addSources(
    user: CallerUser,
    request: CompletionRequest,
    model: ResolvedModel,
    status?: RetrievalStatus,
  ): Promise<void> {
    const items = [...attachedItems(request), ...modelKnowledge(model)];
    if (items.length === 0) return;
    const sources = await this.chatRetrieval.sourcesFor(user, this.question(request), items, status);
    if (sources.length > 0) this.useSources(request, sources);
  }

  /** Web search's pages join the attached documents' sources, after them (as upstream appends them). */
  private async addWebSources(
    user: CallerUser,
    request: CompletionRequest,
    status?: StatusListener,
    signal?: AbortSignal,
  ) {
    const found = await this.webSearch.sourcesFor(user, this.question(request), status, signal);
    if (found.length > 0) this.useSources(request, [...(request.sources ?? []), ...found]);
  }

  /** What retrieval and web search ask about: the conversation, for the model that answers. */
  private question(request: CompletionRequest) {
    return {
      model: request.selectedModelId ?? request.model,
      messages: request.messages,
      text: lastUserText(request.messages),
    };
  }

  /** The sources the answer draws on: shown as citations, and in the prompt through RAG_TEMPLATE. */
  private useSources(request: CompletionRequest, sources: RagSource[]): void {
    request.sources = sources;
    const query = lastUserText(request.messages);
    request.ragPrompt = renderRagTemplate(this.settings.get().rag.RAG_TEMPLATE, contextString(sources), query);
  }

  /** A folder ("project") gives its chats a system prompt and files; the files are checked like any. */
  private async addFolderContext(request: CompletionRequest, userId: string, folderId: string): Promise<void> {
    const data = (await this.folders.findOwned(userId, folderId))?.data;
    const prompt: unknown = data?.system_prompt;
    if (typeof prompt === 'string' && prompt.trim()) request.folderSystem = prompt;
    const files: unknown = data?.files;
    if (Array.isArray(files)) request.folderFiles = files;
  }
}
