import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { globPattern, LIKE_ESCAPE } from '../common/like.js';
import { FileEntity, type FileStatus } from './file.entity.js';

/** A file as knowledge bases list it (upstream's FileMetadataResponse): no text, no path. */
export type FileMetadata = Pick<FileEntity, 'id' | 'hash' | 'meta' | 'created_at' | 'updated_at'>;

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

  /**
   * The row with `data` narrowed to its status and error: a processed file's text can be tens of MB,
   * and access checks and status polls need none of it (parsing it cost a 50 MB file ~100 MB a read).
   */
  async findWithoutContent(id: string): Promise<FileEntity | null> {
    const field = (key: string) =>
      this.dataSource.options.type === 'postgres' ? `file.data ->> '${key}'` : `json_extract(file.data, '$.${key}')`;
    const columns = ['id', 'user_id', 'hash', 'filename', 'path', 'meta', 'access_control', 'created_at', 'updated_at'];
    const { entities, raw } = await this.rows
      .createQueryBuilder('file')
      .select(columns.map((column) => `file.${column}`))
      .addSelect('file.data IS NULL', 'no_data')
      .addSelect(field('status'), 'data_status')
      .addSelect(field('error'), 'data_error')
      .where('file.id = :id', { id })
      .getRawAndEntities<{ no_data: boolean | number; data_status: string | null; data_error: string | null }>();
    const [row] = entities;
    if (!row) return null;
    const { no_data, data_status, data_error } = raw[0];
    row.data = no_data === true || no_data === 1 ? null : {};
    if (row.data && data_status !== null) row.data.status = data_status as FileStatus;
    if (row.data && data_error !== null) row.data.error = data_error;
    return row;
  }

  /** Without `data`, which holds the whole extracted text. */
  async findMetadata(ids: string[]): Promise<FileMetadata[]> {
    const found: FileMetadata[] = [];
    // PostgreSQL caps bind parameters at 65,535 per statement.
    for (let start = 0; start < ids.length; start += 10_000) {
      found.push(
        ...(await this.rows.find({
          select: { id: true, hash: true, meta: true, created_at: true, updated_at: true },
          where: { id: In(ids.slice(start, start + 10_000)) },
        })),
      );
    }
    return found;
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
