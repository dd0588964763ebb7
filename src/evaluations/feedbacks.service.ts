import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { CallerUser } from '../access/auth-context.js';
import { notFound } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { UsersService } from '../users/users.service.js';
import type { FeedbackFormDto, FeedbackPageQueryDto } from './dto/feedback.dto.js';
import type { FeedbackEntity } from './feedback.entity.js';
import { FeedbacksRepository } from './feedbacks.repository.js';

/** The admin's Feedbacks table shows 30 a page (upstream's PAGE_ITEM_COUNT). */
const PAGE_SIZE = 30;
/** Exports read this many rows (each with a whole chat) at a time. */
const EXPORT_BATCH = 100;

/** The typed keys of a rating, present (null when not given) in what is stored, as upstream stores them. */
const ratingData = (data: Record<string, unknown>) => ({
  rating: null,
  model_id: null,
  sibling_model_ids: null,
  reason: null,
  comment: null,
  ...data,
});
const snapshotData = (snapshot: Record<string, unknown>) => ({ chat: null, ...snapshot });

/**
 * Ratings of answers. A user reaches only their own; admins reach everyone's (the Evaluations pages
 * read, sort and delete them). For a user, "missing" and "not yours" are the same 404.
 */
@Injectable()
export class FeedbacksService {
  constructor(
    private readonly feedbacks: FeedbacksRepository,
    private readonly users: UsersService,
  ) {}

  async create(caller: CallerUser, form: FeedbackFormDto): Promise<FeedbackEntity> {
    const now = nowSeconds();
    const row: FeedbackEntity = {
      id: randomUUID(),
      user_id: caller.id,
      version: 0,
      type: form.type,
      data: form.data ? ratingData(form.data) : null,
      meta: form.meta ?? null,
      snapshot: form.snapshot ? snapshotData(form.snapshot) : null,
      created_at: now,
      updated_at: now,
    };
    await this.feedbacks.insert(row);
    return row;
  }

  async get(caller: CallerUser, id: string): Promise<FeedbackEntity> {
    const row = await this.feedbacks.find(id, reach(caller));
    if (!row) throw notFound();
    return row;
  }

  /** Replaces what the form gives (`data`, a non-empty `meta`, `snapshot`); the type stays. */
  async update(caller: CallerUser, id: string, form: FeedbackFormDto): Promise<FeedbackEntity> {
    const changed = await this.feedbacks.update(id, reach(caller), {
      ...(form.data ? { data: ratingData(form.data) } : {}),
      ...(form.meta && Object.keys(form.meta).length > 0 ? { meta: form.meta } : {}),
      ...(form.snapshot ? { snapshot: snapshotData(form.snapshot) } : {}),
      updated_at: nowSeconds(),
    });
    if (!changed) throw notFound();
    return this.get(caller, id);
  }

  async delete(caller: CallerUser, id: string): Promise<true> {
    if (!(await this.feedbacks.delete(id, reach(caller)))) throw notFound();
    return true;
  }

  listOwn(caller: CallerUser) {
    return this.feedbacks.list(caller.id);
  }

  /** false when the caller had none (as upstream answers). */
  async deleteOwn(caller: CallerUser): Promise<boolean> {
    return (await this.feedbacks.deleteOfUser(caller.id)) > 0;
  }

  // --- admins ---

  /** Everyone's, without snapshots: the leaderboard ranks models from these. */
  listAll() {
    return this.feedbacks.list(null);
  }

  async page(query: FeedbackPageQueryDto) {
    const page = query.page ?? 1;
    const { items, total } = await this.feedbacks.page({
      orderBy: query.order_by,
      direction: query.direction ?? 'desc',
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    return { items: await this.users.withOwners(items), total };
  }

  /** Every feedback with its snapshot, read in batches. */
  exportAll(): AsyncIterable<FeedbackEntity[]> {
    return this.feedbacks.allInBatches(EXPORT_BATCH);
  }

  /** false when there were none (as upstream answers). */
  async deleteAll(): Promise<boolean> {
    return (await this.feedbacks.deleteAll()) > 0;
  }

  @OnEvent(DomainEvent.UserDeleted, { async: true, promisify: true, suppressErrors: false })
  async onUserDeleted({ userId }: DomainEventPayloads[typeof DomainEvent.UserDeleted]): Promise<void> {
    await this.feedbacks.deleteOfUser(userId);
  }
}

/** Whose rows the caller reaches: admins everyone's (null), others their own. */
const reach = (caller: CallerUser): string | null => (caller.role === 'admin' ? null : caller.id);
