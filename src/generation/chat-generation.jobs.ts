import { Injectable, type OnModuleInit } from '@nestjs/common';
import { isObject, tagIdOf } from '../chats/chat-document.js';
import { ChatsService } from '../chats/chats.service.js';
import { nowSeconds } from '../common/time.js';
import { ChatEvents } from '../events/chat-events.js';
import { JobQueue } from '../jobs/job-queue.js';
import { type ChatGenerationJob, JobName } from '../jobs/job-types.js';
import { UsersService } from '../users/users.service.js';
import { type GenerationKind, GenerationService } from './generation.service.js';

/** The handlers of the chat generation jobs: generate, store on the chat, tell the user's tabs. */
@Injectable()
export class ChatGenerationJobs implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly generation: GenerationService,
    private readonly chats: ChatsService,
    private readonly users: UsersService,
    private readonly chatEvents: ChatEvents,
  ) {}

  onModuleInit(): void {
    this.queue.register(JobName.GenerateTitle, (job) => this.title(job));
    this.queue.register(JobName.GenerateTags, (job) => this.chatTags(job));
    this.queue.register(JobName.GenerateFollowUps, (job) => this.followUps(job));
  }

  private async title(job: ChatGenerationJob) {
    const answer = await this.ask(job, 'title');
    const firstUser = job.messages.find((message) => message.role === 'user');
    const generated = typeof answer?.title === 'string' ? answer.title.trim() : '';
    const title = generated || (typeof firstUser?.content === 'string' ? firstUser.content : '');
    if (!title) return;
    await this.chats.rewrite(job.chatId, (chat) => ({ ...chat, title }), nowSeconds());
    this.chatEvents.emit(job, 'chat:title', title);
  }

  private async chatTags(job: ChatGenerationJob) {
    const answer = await this.ask(job, 'tags');
    const names = Array.isArray(answer?.tags)
      ? answer.tags.filter((tag): tag is string => typeof tag === 'string')
      : [];
    const usable = names.map((name) => name.trim()).filter((name) => name && tagIdOf(name) !== 'none');
    if (usable.length === 0) return;
    const chat = await this.chats.findSummary(job.chatId);
    if (!chat) return;
    const displayNames = new Map(usable.map((name) => [tagIdOf(name), name]));
    // Generated tags replace the chat's tags, as upstream does.
    await this.chats.setTags(chat, [...displayNames.keys()], displayNames);
    this.chatEvents.emit(job, 'chat:tags', usable);
  }

  private async followUps(job: ChatGenerationJob) {
    const answer = await this.ask(job, 'followUps');
    const list = Array.isArray(answer?.follow_ups)
      ? answer.follow_ups.filter((item): item is string => typeof item === 'string')
      : [];
    if (list.length === 0) return;
    const chat = await this.chats.findSummary(job.chatId);
    if (!chat) return;
    await this.chats.upsertMessage(chat, job.messageId, { followUps: list }, nowSeconds());
    this.chatEvents.emit(job, 'chat:message:follow_ups', { follow_ups: list });
  }

  private async ask(job: ChatGenerationJob, kind: GenerationKind) {
    const user = await this.users.findById(job.userId);
    if (!user) return null;
    const answer = await this.generation.generate(user, kind, job.model, job.messages);
    return isObject(answer) ? answer : null;
  }
}
