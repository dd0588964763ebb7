import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DatabaseService } from '../../database/database.service.js';
import { nowSeconds } from '../../common/time.js';
import { dialectSql, returnedRows } from '../dialect-sql.js';

export type SpaceState = 'building' | 'ready';

/** The vectors of one embedding model (engine + model). See the ChunkVectors migration. */
export interface EmbeddingSpace {
  id: number;
  engine: string;
  model: string;
  /** Known once the first vector is stored. */
  dimensions: number | null;
  state: SpaceState;
}

interface SpaceRow {
  id: number;
  engine: string;
  model: string;
  dimensions: number | null;
  state: SpaceState;
}

/** The `embedding_space` table (raw SQL, as the chunk tables beside it). */
@Injectable()
export class EmbeddingSpacesRepository {
  constructor(
    private readonly db: DatabaseService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private sql(text: string): string {
    return dialectSql(this.db.isPostgres, text);
  }

  async find(engine: string, model: string): Promise<EmbeddingSpace | null> {
    const rows: SpaceRow[] = await this.dataSource.query(
      this.sql('SELECT id, engine, model, dimensions, state FROM embedding_space WHERE engine = ? AND model = ?'),
      [engine, model],
    );
    return rows[0] ? toSpace(rows[0]) : null;
  }

  async get(id: number): Promise<EmbeddingSpace | null> {
    const rows: SpaceRow[] = await this.dataSource.query(
      this.sql('SELECT id, engine, model, dimensions, state FROM embedding_space WHERE id = ?'),
      [id],
    );
    return rows[0] ? toSpace(rows[0]) : null;
  }

  async list(): Promise<EmbeddingSpace[]> {
    const rows: SpaceRow[] = await this.dataSource.query(
      'SELECT id, engine, model, dimensions, state FROM embedding_space ORDER BY id',
    );
    return rows.map(toSpace);
  }

  /** The space of that model, created `building` when there is none (two instances at once: one row). */
  async findOrCreate(engine: string, model: string): Promise<EmbeddingSpace> {
    const now = nowSeconds();
    await this.db.transaction((manager) =>
      manager.query(
        this.sql(
          `INSERT INTO embedding_space (engine, model, state, created_at, updated_at) VALUES (?, ?, 'building', ?, ?)
           ON CONFLICT (engine, model) DO NOTHING`,
        ),
        [engine, model, now, now],
      ),
    );
    const space = await this.find(engine, model);
    if (!space) throw new Error(`embedding space ${engine}/${model} vanished as it was created`);
    return space;
  }

  /** Records the dimension of a space's vectors if none is known yet; returns the one that holds. */
  async settleDimensions(id: number, dimensions: number): Promise<number | null> {
    await this.db.transaction((manager) =>
      manager.query(this.sql('UPDATE embedding_space SET dimensions = ? WHERE id = ? AND dimensions IS NULL'), [
        dimensions,
        id,
      ]),
    );
    return (await this.get(id))?.dimensions ?? null;
  }

  /** Every space goes back to `building`: chunks indexed from now on get no vectors (no engine). */
  async markAllStale(): Promise<void> {
    await this.db.transaction((manager) =>
      manager.query(this.sql("UPDATE embedding_space SET state = 'building', updated_at = ? WHERE state = 'ready'"), [
        nowSeconds(),
      ]),
    );
  }

  /** The space is complete: it becomes the one queries use, and every other space goes (with its vectors). */
  async promote(id: number): Promise<EmbeddingSpace[]> {
    return this.db.transaction(async (manager) => {
      await manager.query(this.sql("UPDATE embedding_space SET state = 'ready', updated_at = ? WHERE id = ?"), [
        nowSeconds(),
        id,
      ]);
      return this.deleteOthers(manager, id);
    });
  }

  /** Deletes every space but `id` (their vectors go by cascade); returns them. */
  async deleteAllBut(id: number): Promise<EmbeddingSpace[]> {
    return this.db.transaction((manager) => this.deleteOthers(manager, id));
  }

  /**
   * Takes the re-embedding of a space for `seconds` unless another worker holds it: duplicate jobs
   * (two instances starting, two saves) then cost nothing. Renewed while the work goes on.
   */
  async claim(id: number, seconds: number, holder: string): Promise<boolean> {
    const now = Date.now();
    const result: unknown = await this.db.transaction((manager) =>
      manager.query(
        this.sql(
          `UPDATE embedding_space SET claimed_until = ?, claimed_by = ?
           WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?) RETURNING id`,
        ),
        [now + seconds * 1000, holder, id, now, holder],
      ),
    );
    return returnedRows(this.db.isPostgres, result).length === 1;
  }

  async release(id: number, holder: string): Promise<void> {
    await this.db.transaction((manager) =>
      manager.query(
        this.sql('UPDATE embedding_space SET claimed_until = NULL, claimed_by = NULL WHERE id = ? AND claimed_by = ?'),
        [id, holder],
      ),
    );
  }

  private async deleteOthers(manager: EntityManager, id: number): Promise<EmbeddingSpace[]> {
    const rows: SpaceRow[] = await manager.query(
      this.sql('SELECT id, engine, model, dimensions, state FROM embedding_space WHERE id <> ?'),
      [id],
    );
    if (rows.length > 0) await manager.query(this.sql('DELETE FROM embedding_space WHERE id <> ?'), [id]);
    return rows.map(toSpace);
  }
}

function toSpace(row: SpaceRow): EmbeddingSpace {
  return {
    id: Number(row.id),
    engine: row.engine,
    model: row.model,
    dimensions: row.dimensions === null ? null : Number(row.dimensions),
    state: row.state,
  };
}
