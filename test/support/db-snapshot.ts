import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestApp } from './app.js';

/** Written on reads by design (at most once a minute per user), so not a change a request made. */
const VOLATILE_COLUMNS = new Set(['last_active_at']);
const SKIPPED_TABLES = new Set(['migrations', 'typeorm_metadata']);

/** Table name → a digest of its rows (order-independent); what a refused request must leave alone. */
export type Snapshot = Map<string, string>;

/**
 * The tables that hold data. SQLite's full-text indexes (FTS5 virtual tables and their `_data`,
 * `_idx`… shadow tables) are left out: triggers derive them from tables that are compared.
 */
async function tableNames(app: TestApp): Promise<string[]> {
  if (app.dataSource.options.type === 'postgres') {
    const rows: { name: string }[] = await app.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    return rows.map((row) => row.name).filter((name) => !SKIPPED_TABLES.has(name));
  }
  const rows: { name: string; sql: string | null }[] = await app.dataSource.query(
    `SELECT name, sql FROM sqlite_master WHERE type = 'table'`,
  );
  const virtual = rows.filter((row) => /^CREATE VIRTUAL TABLE/i.test(row.sql ?? '')).map((row) => row.name);
  return rows
    .map((row) => row.name)
    .filter((name) => !SKIPPED_TABLES.has(name) && !name.startsWith('sqlite_'))
    .filter((name) => !virtual.some((table) => name === table || name.startsWith(`${table}_`)));
}

const stable = (row: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(row)
      .filter((column) => !VOLATILE_COLUMNS.has(column))
      .sort()
      .map((column) => [column, row[column]]),
  );

/**
 * PostgreSQL digests every table itself, in one round trip: the row count and a sum of row hashes
 * (order-independent, so neither a sort nor a long string is built).
 */
async function postgresSnapshot(app: TestApp, names: string[]): Promise<Snapshot> {
  const volatile = [...VOLATILE_COLUMNS].map((column) => ` - '${column}'`).join('');
  const parts = names.map(
    (name, i) =>
      `SELECT ${i} AS i, count(*) || ':' || coalesce(sum(hashtext((to_jsonb(t)${volatile})::text)::bigint), 0) AS digest ` +
      `FROM "${name}" t`,
  );
  const rows: { i: number; digest: string }[] = await app.dataSource.query(parts.join(' UNION ALL '));
  return new Map(rows.map((row) => [names[row.i], row.digest]));
}

/** Every table's rows, digested. */
export async function snapshot(app: TestApp): Promise<Snapshot> {
  const names = await tableNames(app);
  if (app.dataSource.options.type === 'postgres') return postgresSnapshot(app, names);
  const result: Snapshot = new Map();
  for (const name of names) {
    const rows: Record<string, unknown>[] = await app.dataSource.query(`SELECT * FROM "${name}"`);
    const lines = rows.map(stable).sort();
    result.set(name, `${rows.length}:${createHash('sha1').update(lines.join('\n')).digest('hex')}`);
  }
  return result;
}

/**
 * How many rows SQLite's one connection has written so far (TypeORM's better-sqlite3 driver runs
 * every query on it): unchanged means nothing was written, without reading any table. PostgreSQL
 * has no such counter that is current at once (null).
 */
export async function writeCount(app: TestApp): Promise<number | null> {
  if (app.dataSource.options.type === 'postgres') return null;
  const [row] = await app.dataSource.query<{ n: number }[]>('SELECT total_changes() AS n');
  return row.n;
}

/** The tables whose content differs between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/**
 * A snapshot once background work (file processing, indexing) has stopped writing: the write count
 * (or, on PostgreSQL, the snapshot itself) unchanged over `interval` ms, or whatever is there after
 * `timeoutMs`.
 */
export async function settledSnapshot(app: TestApp, interval = 40, timeoutMs = 5_000): Promise<Snapshot> {
  const deadline = Date.now() + timeoutMs;
  const probe = async () => (await writeCount(app)) ?? [...(await snapshot(app)).values()].join();
  let previous = await probe();
  for (;;) {
    await sleep(interval);
    const next = await probe();
    if (next === previous || Date.now() > deadline) return snapshot(app);
    previous = next;
  }
}
