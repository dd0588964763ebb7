import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Transactions that are safe on both databases. TypeORM's better-sqlite3 driver runs everything on
 * one connection, so two overlapping `dataSource.transaction()` calls would nest into each other
 * (the second becomes a SAVEPOINT of the first). On SQLite we therefore run transactions one at a
 * time; SQLite allows one writer anyway, so this costs no throughput.
 */
@Injectable()
export class Database {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /** A real round trip (readiness). */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.isPostgres) return this.dataSource.transaction(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    // The queue continues whether this transaction commits or fails.
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Multi-row insert that leaves the given objects alone. TypeORM's `Repository.insert` re-reads
 * generated/default columns after a bulk insert on SQLite and can assign them to the wrong objects
 * (seen: chat ids swapped between rows), so we never let it write back.
 */
export async function insertRows<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  rows: T[],
  chunkSize = 100,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(start, start + chunkSize))
      .updateEntity(false)
      .execute();
  }
}
