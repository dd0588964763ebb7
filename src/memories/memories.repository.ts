import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MemoryEntity } from './memory.entity.js';

/** The `memory` table; every method is scoped to one user. */
@Injectable()
export class MemoriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(MemoryEntity);
  }

  /** Oldest first. */
  listForUser(userId: string): Promise<MemoryEntity[]> {
    return this.rows.find({ where: { user_id: userId }, order: { created_at: 'ASC', id: 'ASC' } });
  }

  findOwned(userId: string, id: string): Promise<MemoryEntity | null> {
    return this.rows.findOneBy({ id, user_id: userId });
  }

  async insert(row: MemoryEntity): Promise<void> {
    await this.rows.insert(row);
  }

  async update(userId: string, id: string, changes: Pick<MemoryEntity, 'content' | 'updated_at'>): Promise<void> {
    await this.rows.update({ id, user_id: userId }, changes);
  }

  /** false when the user has no such memory. */
  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.rows.delete({ id, user_id: userId });
    return (result.affected ?? 0) > 0;
  }

  async deleteAllOfUser(userId: string): Promise<void> {
    await this.rows.delete({ user_id: userId });
  }
}
