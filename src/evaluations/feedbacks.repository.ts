import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type FindOptionsSelect, type FindOptionsWhere } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import { UserEntity } from '../users/user.entity.js';
import { FeedbackEntity, type FeedbackSummary } from './feedback.entity.js';

export const FEEDBACK_SORT_FIELDS = ['user', 'username', 'model_id', 'rating', 'updated_at'] as const;
export type FeedbackSortField = (typeof FEEDBACK_SORT_FIELDS)[number];

export interface FeedbackPageQuery {
  /** Without one: newest first (as upstream). */
  orderBy?: FeedbackSortField;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Every column but the snapshot (a whole chat), for lists. */
const SUMMARY: FindOptionsSelect<FeedbackEntity> = {
  id: true,
  user_id: true,
  version: true,
  type: true,
  data: true,
  meta: true,
  created_at: true,
  updated_at: true,
};
const SUMMARY_COLUMNS = Object.keys(SUMMARY).map((column) => `f.${column}`);

/** `owner` null means any user's row (admins); otherwise only that user's. */
const scoped = (id: string, owner: string | null): FindOptionsWhere<FeedbackEntity> =>
  owner === null ? { id } : { id, user_id: owner };

/** The `feedback` table. */
@Injectable()
export class FeedbacksRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(FeedbackEntity);
  }

  async insert(row: FeedbackEntity): Promise<void> {
    await this.rows.insert(row);
  }

  find(id: string, owner: string | null): Promise<FeedbackEntity | null> {
    return this.rows.findOneBy(scoped(id, owner));
  }

  /** false when there is no such row (for this owner). */
  async update(
    id: string,
    owner: string | null,
    changes: Partial<Pick<FeedbackEntity, 'data' | 'meta' | 'snapshot' | 'updated_at'>>,
  ): Promise<boolean> {
    const result = await this.rows.update(scoped(id, owner), changes);
    return (result.affected ?? 0) > 0;
  }

  async delete(id: string, owner: string | null): Promise<boolean> {
    const result = await this.rows.delete(scoped(id, owner));
    return (result.affected ?? 0) > 0;
  }

  /** How many rows went. */
  async deleteOfUser(userId: string): Promise<number> {
    return (await this.rows.delete({ user_id: userId })).affected ?? 0;
  }

  async deleteAll(): Promise<number> {
    return (await this.rows.createQueryBuilder().delete().from(FeedbackEntity).execute()).affected ?? 0;
  }

  /** Most recently updated first; `owner` null lists everyone's. */
  list(owner: string | null): Promise<FeedbackSummary[]> {
    return this.rows.find({
      select: SUMMARY,
      where: owner === null ? {} : { user_id: owner },
      order: { updated_at: 'DESC', id: 'ASC' },
    });
  }

  /**
   * A page of the admin's Feedbacks table and how many there are in all. Only feedback whose user
   * still exists is listed (as upstream's join): the web app reads `user.id` of every row.
   */
  async page(query: FeedbackPageQuery): Promise<{ items: FeedbackSummary[]; total: number }> {
    const builder = this.rows
      .createQueryBuilder('f')
      .select(SUMMARY_COLUMNS)
      .innerJoin(UserEntity, 'u', 'u.id = f.user_id');
    const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
    const sortKey = this.sortExpression(query.orderBy);
    if (sortKey) builder.addSelect(sortKey, 'sort_key').orderBy('sort_key', direction);
    else builder.orderBy('f.created_at', 'DESC');
    builder.addOrderBy('f.id', 'ASC');
    const total = await builder.getCount();
    const items = await builder.offset(query.offset).limit(query.limit).getMany();
    return { items, total };
  }

  /** Every row with its snapshot, in batches, most recently updated first (exports stream them). */
  async *allInBatches(size: number): AsyncGenerator<FeedbackEntity[]> {
    let after: { updated_at: number; id: string } | undefined;
    for (;;) {
      const builder = this.rows.createQueryBuilder('f').orderBy('f.updated_at', 'DESC').addOrderBy('f.id', 'ASC');
      if (after) {
        builder.where('(f.updated_at < :updatedAt OR (f.updated_at = :updatedAt AND f.id > :id))', {
          updatedAt: after.updated_at,
          id: after.id,
        });
      }
      const batch = await builder.limit(size).getMany();
      if (batch.length > 0) yield batch;
      if (batch.length < size) return;
      const last = batch[batch.length - 1];
      after = { updated_at: last.updated_at, id: last.id };
    }
  }

  /** What a sort key orders by; `data` is JSON text on SQLite and `json` on PostgreSQL. */
  private sortExpression(key: FeedbackSortField | undefined): string | undefined {
    const field = (name: string) =>
      this.db.isPostgres ? `f.data ->> '${name}'` : `CAST(json_extract(f.data, '$.${name}') AS TEXT)`;
    switch (key) {
      case undefined:
        return undefined;
      case 'user':
      case 'username':
        return 'u.name';
      case 'model_id':
      case 'rating':
        return field(key);
      case 'updated_at':
        return 'f.updated_at';
    }
  }
}
