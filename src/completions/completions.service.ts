import { Injectable, Logger } from '@nestjs/common';
import type { Response as HttpResponse } from 'express';
import { ChatsService } from '../chats/chats.service.js';
import { FoldersService } from '../folders/folders.service.js';
import { AppError, badRequest } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { MemoriesService } from '../memories/memories.service.js';
import { ModelsService, type ResolvedModel } from '../models/models.service.js';
import type { UserEntity } from '../users/user.entity.js';
import { BackgroundCompletions } from './background-completions.js';
import {
  buildUpstreamPayload,
  type CompletionRequest,
  parseCompletionRequest,
  wantsMemory,
} from './completion-request.js';
import { LineSplitter, OllamaToOpenAi, SSE_DONE, sseEvent } from './stream-codecs.js';
import { flushHeadersThisTurn, TickBatchWriter } from './tick-batch-writer.js';
import { openUpstream, type UpstreamResponse } from './upstream.js';

/** `POST /api/chat/completions`: HTTP mode streams straight through; socket mode runs in the background. */
@Injectable()
export class CompletionsService {
  private readonly logger = new Logger(CompletionsService.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly models: ModelsService,
    private readonly chats: ChatsService,
    private readonly folders: FoldersService,
    private readonly background: BackgroundCompletions,
    private readonly memories: MemoriesService,
  ) {}

  async complete(user: UserEntity, body: Record<string, unknown>, res: HttpResponse): Promise<void> {
    const request = parseCompletionRequest(body);
    const model = await this.preflight(user, request);
    if (request.sessionId && request.chatId && request.messageId) {
      res.json(await this.background.start(user, request, model));
      return;
    }
    const controller = new AbortController();
    // The caller went away: stop paying for the provider's answer.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.config.models.requestTimeoutSeconds * 1000);
    try {
      const payload = buildUpstreamPayload(request, model, request.stream);
      const upstream = await openUpstream(model.base.connection, payload, controller.signal);
      if (request.stream) await this.pipeStream(model, upstream, res, request.selectedModelId);
      else res.json(await this.readWhole(model, upstream, request.selectedModelId));
    } catch (error) {
      if (res.destroyed) return; // the caller left; the upstream request is already aborted
      if (timedOut) throw new AppError('gateway_timeout', 'The model provider did not answer in time.');
      if (error instanceof AppError) throw error;
      if (res.headersSent) {
        this.logger.warn(`completion failed mid-response: ${(error as Error).message}`);
        res.end();
        return;
      }
      throw new AppError('bad_gateway', `The model provider failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Model exists and is usable by the caller; a saved chat must be theirs (contract ai.md §3 pre-flight). */
  private async preflight(user: UserEntity, request: CompletionRequest): Promise<ResolvedModel> {
    let model = await this.models.resolve(user, request.model);
    if (model?.item.arena) {
      model = await this.models.pickArenaModel(user, model);
      request.selectedModelId = model?.item.id;
    }
    if (!model) throw badRequest('Model not found');
    if (request.chatId && !request.chatId.startsWith('local:')) {
      const chat = await this.chats.findSummary(request.chatId);
      if (user.role !== 'admin' && (!chat || chat.user_id !== user.id))
        throw badRequest('404: Something went wrong :/');
      if (chat?.folder_id) request.folderSystem = await this.folderSystemPrompt(chat.user_id, chat.folder_id);
    }
    if (wantsMemory(request)) request.memoryContext = await this.memories.contextFor(user.id, request.messages);
    return model;
  }

  private async folderSystemPrompt(userId: string, folderId: string): Promise<string | undefined> {
    const prompt: unknown = (await this.folders.findOwned(userId, folderId))?.data?.system_prompt;
    return typeof prompt === 'string' && prompt.trim() ? prompt : undefined;
  }

  /**
   * Streams the provider's answer as it arrives: OpenAI SSE bytes are forwarded untouched, Ollama
   * NDJSON lines become OpenAI chunks. A provider that dies mid-stream ends ours with an error event.
   * Plain stream events, not async iteration: this loop runs once per chunk of every open stream.
   */
  private pipeStream(
    model: ResolvedModel,
    upstream: UpstreamResponse,
    res: HttpResponse,
    selectedModelId?: string,
  ): Promise<void> {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    });
    flushHeadersThisTurn(res);
    if (selectedModelId) res.write(sseEvent({ selected_model_id: selectedModelId }));
    const source = upstream.body;
    const ollama = model.base.connection.kind === 'ollama' ? new OllamaToOpenAi(model.item.id) : undefined;
    const lines = new LineSplitter();
    // Backpressure: a slow client pauses the provider's stream instead of buffering it here.
    const out = new TickBatchWriter(res, () => source.pause());
    res.on('drain', () => source.resume());
    return new Promise((resolve) => {
      let finished = false;
      const finish = (error?: Error) => {
        if (finished) return;
        finished = true;
        out.flush();
        if (!res.destroyed) {
          if (error) {
            // A blank line first closes any event the provider left half-written.
            res.write(`\n\n${sseEvent({ error: { message: `The model provider failed: ${error.message}` } })}`);
            res.write(SSE_DONE);
          } else if (ollama) {
            res.write(SSE_DONE);
          }
          res.end();
        }
        resolve();
      };
      source.on('data', (chunk: Buffer) => {
        if (!ollama) return out.write(chunk);
        for (const line of lines.push(chunk)) {
          if (line.trim()) out.write(sseEvent(ollama.chunk(JSON.parse(line) as Record<string, unknown>)));
        }
      });
      source.on('end', () => finish());
      source.on('error', (error) => finish(error));
      source.on('aborted', () => finish(new Error('the connection closed early')));
      source.on('close', () => {
        if (!source.complete) finish(new Error('the connection closed early'));
      });
    });
  }

  private async readWhole(model: ResolvedModel, upstream: UpstreamResponse, selectedModelId?: string) {
    const body = (await upstream.json()) as Record<string, unknown>;
    const answer = model.base.connection.kind === 'ollama' ? new OllamaToOpenAi(model.item.id).completion(body) : body;
    return selectedModelId ? { ...answer, selected_model_id: selectedModelId } : answer;
  }
}
