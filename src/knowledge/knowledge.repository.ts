import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import { DatabaseService } from '../database/database.service.js';
import { fileIdsOf, KnowledgeEntity } from './knowledge.entity.js';

export type KnowledgeChanges = Partial<Pick<KnowledgeEntity, 'name' | 'description' | 'access_control' | 'updated_at'>>;

/** The `knowledge` table. */
@Injectable()
export class KnowledgeRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(KnowledgeEntity);
  }

  /** Every knowledge base, last changed first (the ACL is filtered by the caller: these tables stay small). */
  listAll(): Promise<KnowledgeEntity[]> {
    return this.rows.find({ order: { updated_at: 'DESC', id: 'ASC' } });
  }

  findById(id: string): Promise<KnowledgeEntity | null> {
    return this.rows.findOneBy({ id });
  }

  /**
   * The knowledge bases listing a file. The JSON differs per database, so SQL narrows by the quoted
   * id in the column's text and the parsed list decides.
   */
  async listContainingFile(fileId: string): Promise<KnowledgeEntity[]> {
    const candidates = await this.rows
      .createQueryBuilder('k')
      .where(`CAST(k.data AS TEXT) LIKE :pattern ${LIKE_ESCAPE}`, { pattern: containsPattern(JSON.stringify(fileId)) })
      .getMany();
    return candidates.filter((row) => fileIdsOf(row).includes(fileId));
  }

  async insert(row: KnowledgeEntity): Promise<void> {
    await this.rows.insert(row);
  }

  async update(id: string, changes: KnowledgeChanges): Promise<void> {
    await this.rows.update({ id }, changes);
  }

  /**
   * Replaces the file list with what `change` makes of the current one, atomically: two files added
   * at once (the web app uploads dropped files in parallel) must not overwrite each other. The row
   * is locked on PostgreSQL; SQLite has one writer at a time. `now` (omitted: unchanged) is the new
   * `updated_at`. Null when the row is gone.
   */
  async changeFileIds(
    id: string,
    change: (fileIds: string[]) => string[],
    now?: number,
  ): Promise<KnowledgeEntity | null> {
    return this.db.transaction(async (manager) => {
      const query = manager.getRepository(KnowledgeEntity).createQueryBuilder('k').where('k.id = :id', { id });
      if (this.db.isPostgres) query.setLock('pessimistic_write');
      const row = await query.getOne();
      if (!row) return null;
      const data = { ...row.data, file_ids: change(fileIdsOf(row)) };
      const updated_at = now ?? row.updated_at;
      await manager.getRepository(KnowledgeEntity).update({ id }, { data, updated_at });
      return { ...row, data, updated_at };
    });
  }

  async delete(id: string): Promise<void> {
    await this.rows.delete({ id });
  }
}
