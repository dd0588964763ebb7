import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PromptEntity } from './prompt.entity.js';

/** The `prompt` table, keyed by its command (`/name`). */
@Injectable()
export class PromptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(PromptEntity);
  }

  /** Every prompt, newest first (the ACL is filtered by the caller: prompt tables stay small). */
  listAll(): Promise<PromptEntity[]> {
    return this.rows.find({ order: { timestamp: 'DESC', command: 'ASC' } });
  }

  findByCommand(command: string): Promise<PromptEntity | null> {
    return this.rows.findOneBy({ command });
  }

  exists(command: string): Promise<boolean> {
    return this.rows.existsBy({ command });
  }

  async insert(row: PromptEntity): Promise<void> {
    await this.rows.insert(row);
  }

  async update(command: string, changes: Partial<Omit<PromptEntity, 'command'>>): Promise<void> {
    await this.rows.update({ command }, changes);
  }

  async delete(command: string): Promise<void> {
    await this.rows.delete({ command });
  }
}
