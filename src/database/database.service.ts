import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

declare const opaque: unique symbol;

/**
 * A running transaction as services see it: something to hand to another repository so that its
 * writes join the same transaction, never something to query (only repositories open it).
 */
export interface Transaction {
  readonly [opaque]: 'transaction';
}

/**
 * Repositories only: the manager behind a Transaction they were handed. Work on it, never open
 * another transaction inside it: on SQLite transactions queue one behind the other, so that waits forever.
 */
export const managerOf = (transaction: Transaction): EntityManager => transaction as unknown as EntityManager;

/** Repositories only: a manager of theirs, to hand to code that runs inside the same transaction. */
export const asTransaction = (manager: EntityManager): Transaction => manager as unknown as Transaction;

/**
 * Transactions that are safe on both databases. TypeORM's better-sqlite3 driver runs everything on
 * one connection, so two overlapping `dataSource.transaction()` calls would nest into each other
 * (the second becomes a SAVEPOINT of the first). On SQLite we therefore run transactions one at a
 * time; SQLite allows one writer anyway, so this costs no throughput.
 */
@Injectable()
export class DatabaseService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
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
