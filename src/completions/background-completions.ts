import { Injectable, Logger } from '@nestjs/common';
import { ChatsService } from '../chats/chats.service.js';
import { errorText } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { ChatEvents } from '../events/chat-events.js';
import { JobQueue } from '../jobs/job-queue.js';
import { JobName } from '../jobs/job-types.js';
import type { ResolvedModel } from '../models/models.service.js';
import { ProviderClient } from '../providers/provider-client.js';
import { deltaText } from '../providers/stream-codecs.js';
import { SettingsService } from '../settings/settings.service.js';
import { TaskRegistry, TaskStoppedError } from '../tasks/task-registry.js';
import type { CallerUser } from '../access/auth-context.js';
import { buildProviderPayload, type CompletionRequest } from './completion-request.js';

/** Work before the answer (web search), reporting its progress as status events. */
export type BeforeAnswer = (status: (data: Record<string, unknown>) => void, signal: AbortSignal) => Promise<void>;

export interface Target {
  userId: string;
  chatId: string;
  messageId: string;
  /** `local:` chats are temporary: nothing is stored. */
  persist: boolean;
}

/** How often the text generated so far is saved while it streams (never a write per token). */
const PROGRESS_SAVE_INTERVAL_MS = 1000;

/**
 * Socket mode (what the chat UI uses): the request returns a task id at once; the answer goes to the
 * user's tabs as `chat:completion` events carrying only each new delta (the SPA appends them) and
 * the full text once, in the final `done` event. The text so far is saved about once a second, so an
 * instance that dies leaves it for another to finish (AnswerRecovery); the message is stored whole
 * when the task ends, with what was generated so far when it is stopped.
 */
@Injectable()
export class BackgroundCompletions {
  private readonly logger = new Logger(BackgroundCompletions.name);
  /** Answers streaming in this process, with their text so far (sent again to a reconnected tab). */
  private readonly streaming = new Map<string, { target: Target; text: () => string }>();

  constructor(
    private readonly tasks: TaskRegistry,
    private readonly chats: ChatsService,
    private readonly chatEvents: ChatEvents,
    private readonly jobs: JobQueue,
    private readonly settings: SettingsService,
    private readonly provider: ProviderClient,
  ) {}

  async start(user: CallerUser, request: CompletionRequest, model: ResolvedModel, beforeAnswer?: BeforeAnswer) {
    const chatId = request.chatId!;
    const target: Target = {
      userId: user.id,
      chatId,
      messageId: request.messageId!,
      persist: !chatId.startsWith('local:'),
    };
    const { info, signal } = await this.tasks.start(user.id, chatId, target.messageId);
    try {
      const sources = request.sources ? { sources: request.sources } : {};
      if (target.persist) await this.store(target, { model: request.model, ...arenaPick(request), ...sources });
    } catch (error) {
      // Never started: the task must not stay listed (and refreshed) as running.
      await this.tasks.finish(info.id);
      throw error;
    }
    // Nothing may escape a background task: a failure here (even saving the error) is only logged.
    void this.run(info.id, target, request, model, signal, beforeAnswer)
      .catch((error: unknown) => this.logger.warn(`completion task ended badly: ${errorText(error)}`))
      .finally(() => this.tasks.finish(info.id));
    return { status: true, task_id: info.id };
  }

  /** The text so far of each answer of `userId` streaming in this process. */
  inProgress(userId: string): { target: Target; text: string }[] {
    return [...this.streaming.values()]
      .filter(({ target }) => target.userId === userId)
      .map(({ target, text }) => ({ target, text: text() }));
  }

  private async run(
    taskId: string,
    target: Target,
    request: CompletionRequest,
    model: ResolvedModel,
    signal: AbortSignal,
    beforeAnswer?: BeforeAnswer,
  ) {
    let content = '';
    const progress = new ProgressSaver(
      () => (target.persist ? this.store(target, { content }) : Promise.resolve()),
      (error) => this.logger.warn(`saving an answer's progress failed: ${errorText(error)}`),
    );
    this.streaming.set(taskId, { target, text: () => content });
    try {
      if (request.selectedModelId) {
        this.chatEvents.emit(target, 'chat:completion', { selected_model_id: request.selectedModelId });
      }
      if (beforeAnswer) await this.prepare(target, request, beforeAnswer, signal);
      if (request.sources) this.chatEvents.emit(target, 'chat:completion', { sources: request.sources });
      const payload = buildProviderPayload(request, model, true);
      const stream = await this.provider.stream(model, payload, { signal });
      for await (const chunk of stream.chunks()) {
        const delta = deltaText(chunk);
        if (delta) {
          content += delta;
          progress.tick();
        }
        // Deltas only: sending the whole text each time costs bytes quadratic in the answer's length.
        this.chatEvents.emit(target, 'chat:completion', chunk.usage && !delta ? { usage: chunk.usage } : chunk);
      }
      this.streaming.delete(taskId);
      await progress.settled();
      if (target.persist) await this.store(target, { content, done: true });
      this.chatEvents.emit(target, 'chat:completion', { done: true, content, title: await this.title(target) });
      if (target.persist) this.queueFollowUpWork(target, request, content);
    } catch (error) {
      this.streaming.delete(taskId);
      await progress.settled();
      const stopped = signal.aborted && signal.reason instanceof TaskStoppedError;
      if (target.persist) {
        await this.store(
          target,
          stopped ? { content, done: true } : { content, done: true, error: { content: errorText(error) } },
        );
      }
      if (!stopped) this.chatEvents.emit(target, 'chat:message:error', { error: { content: errorText(error) } });
      this.chatEvents.emit(target, 'chat:tasks:cancel', {});
      if (!stopped) this.logger.warn(`completion task failed: ${errorText(error)}`);
    }
  }

  /** Runs the work before the answer; its statuses go to the user's tabs and, with its sources, onto the message. */
  private async prepare(target: Target, request: CompletionRequest, beforeAnswer: BeforeAnswer, signal: AbortSignal) {
    const statusHistory: Record<string, unknown>[] = [];
    await beforeAnswer((status) => {
      statusHistory.push(status);
      this.chatEvents.emit(target, 'status', status);
    }, signal);
    if (target.persist && statusHistory.length > 0) {
      await this.store(target, { statusHistory, ...(request.sources ? { sources: request.sources } : {}) });
    }
  }

  /** Title, tags and follow-ups, as the request's `background_tasks` and the task settings ask. */
  private queueFollowUpWork(target: Target, request: CompletionRequest, answer: string) {
    const wanted = (request.body.background_tasks ?? {}) as Record<string, unknown>;
    const settings = this.settings.get().tasks;
    const job = {
      userId: target.userId,
      chatId: target.chatId,
      messageId: target.messageId,
      model: request.selectedModelId ?? request.model,
      messages: [...request.messages.filter((m) => m.role !== 'system'), { role: 'assistant', content: answer }],
    };
    if (wanted.title_generation === true && settings.ENABLE_TITLE_GENERATION) this.jobs.add(JobName.GenerateTitle, job);
    if (wanted.tags_generation === true && settings.ENABLE_TAGS_GENERATION) this.jobs.add(JobName.GenerateTags, job);
    if (wanted.follow_up_generation === true && settings.ENABLE_FOLLOW_UP_GENERATION) {
      this.jobs.add(JobName.GenerateFollowUps, job);
    }
  }

  async store(target: Target, data: Record<string, unknown>) {
    const chat = await this.chats.findSummary(target.chatId);
    if (chat) await this.chats.upsertMessage(chat, target.messageId, { id: target.messageId, ...data }, nowSeconds());
  }

  async title(target: Target): Promise<string> {
    if (!target.persist) return '';
    return (await this.chats.findSummary(target.chatId))?.title ?? '';
  }
}

/** The arena's pick is stored on the message as the SPA stores it (`selectedModelId`). */
function arenaPick(request: CompletionRequest): Record<string, unknown> {
  return request.selectedModelId ? { selectedModelId: request.selectedModelId } : {};
}

/** Runs `save` at most once per interval and one at a time; `settled` waits for the one in flight. */
class ProgressSaver {
  private lastStarted = Date.now();
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  tick(): void {
    if (this.inFlight || Date.now() - this.lastStarted < PROGRESS_SAVE_INTERVAL_MS) return;
    this.lastStarted = Date.now();
    this.inFlight = this.save()
      .catch(this.onError)
      .finally(() => {
        this.inFlight = null;
      });
  }

  async settled(): Promise<void> {
    await this.inFlight;
  }
}
