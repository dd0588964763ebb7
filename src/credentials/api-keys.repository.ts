import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import { ApiKeyEntity } from './api-key.entity.js';

/** The `api_key` table: one key per user, stored as a hash. */
@Injectable()
export class ApiKeysRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  private get keys() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  /** Replaces the user's key (if any) with this one, in one transaction. */
  async replaceForUser(key: ApiKeyEntity): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ApiKeyEntity).delete({ user_id: key.user_id });
      await manager.getRepository(ApiKeyEntity).insert(key);
    });
  }

  findForUser(userId: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ user_id: userId });
  }

  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ key_hash: keyHash });
  }

  /** Masked keys of many users in one query. */
  async hintsByUser(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.keys.find({ select: { user_id: true, hint: true }, where: { user_id: In(userIds) } });
    return new Map(rows.map((row) => [row.user_id, row.hint]));
  }

  async touchLastUsed(id: string, now: number): Promise<void> {
    await this.keys.update({ id }, { last_used_at: now });
  }

  /** false when the user had no key. */
  async deleteForUser(userId: string): Promise<boolean> {
    const result = await this.keys.delete({ user_id: userId });
    return (result.affected ?? 0) > 0;
  }
}
