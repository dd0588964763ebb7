import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { globPattern, LIKE_ESCAPE } from '../common/like.js';
import { FileEntity } from './file.entity.js';

/** The `file` table. `ownerId` null means every user's rows (admins). */
@Injectable()
export class FilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(FileEntity);
  }

  async insert(row: FileEntity): Promise<void> {
    await this.rows.insert(row);
  }

  findById(id: string): Promise<FileEntity | null> {
    return this.rows.findOneBy({ id });
  }

  /** Newest first. */
  list(ownerId: string | null): Promise<FileEntity[]> {
    return this.rows.find({
      where: ownerId === null ? {} : { user_id: ownerId },
      order: { updated_at: 'DESC', id: 'ASC' },
    });
  }

  /** Files whose name matches a glob (`*`, `?`), case-insensitively. */
  searchByName(ownerId: string | null, glob: string): Promise<FileEntity[]> {
    const query = this.rows
      .createQueryBuilder('file')
      .where(`LOWER(file.filename) LIKE LOWER(:pattern) ${LIKE_ESCAPE}`, { pattern: globPattern(glob) })
      .orderBy('file.updated_at', 'DESC');
    if (ownerId !== null) query.andWhere('file.user_id = :ownerId', { ownerId });
    return query.getMany();
  }

  async update(id: string, changes: Partial<Pick<FileEntity, 'data' | 'meta' | 'hash' | 'updated_at'>>): Promise<void> {
    await this.rows.update({ id }, changes);
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.rows.delete({ id: In(ids) });
  }

  async deleteAll(): Promise<void> {
    await this.rows.createQueryBuilder().delete().from(FileEntity).execute();
  }
}
