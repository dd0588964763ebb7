import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The part of better-sqlite3's connection this service uses (the package ships no types). */
interface SqliteConnection {
  backup(destination: string): Promise<unknown>;
}

/** Temporary folders of this process's snapshots start with this (the pid tells whose a leftover is). */
export const snapshotDirPrefix = () => `webui-db-${process.pid}-`;

/** A copy of the database in a temporary file; `discard` deletes it (call it however the copy is used). */
export interface DatabaseSnapshot {
  path: string;
  size: number;
  discard(): Promise<void>;
}

/**
 * Copies of the whole SQLite database for Admin → Settings → Database → Download Database. Lives here
 * because only `src/database/` and repositories may touch the DataSource.
 */
@Injectable()
export class DatabaseSnapshotService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Only SQLite keeps the whole database in one file; PostgreSQL has its own tools (pg_dump). */
  get supported(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /**
   * A consistent copy made with SQLite's online backup (page by page, between other queries), so
   * writes that land meanwhile are either wholly in it or not, and WAL contents are included.
   */
  async snapshot(): Promise<DatabaseSnapshot> {
    if (!this.supported) throw new Error('Database snapshots need SQLite');
    // TypeORM's better-sqlite3 driver keeps its one connection here.
    const { databaseConnection: connection } = this.dataSource.driver as unknown as {
      databaseConnection: SqliteConnection;
    };
    const dir = await mkdtemp(join(tmpdir(), snapshotDirPrefix()));
    const discard = () => rm(dir, { recursive: true, force: true });
    try {
      const path = join(dir, 'webui.db');
      await connection.backup(path);
      return { path, size: (await stat(path)).size, discard };
    } catch (error) {
      await discard();
      throw error;
    }
  }
}
