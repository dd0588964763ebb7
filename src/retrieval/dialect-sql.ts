/** The retrieval tables' raw SQL is written with `?` placeholders; PostgreSQL numbers them (`$1`, `$2`, …). */
export function dialectSql(postgres: boolean, text: string): string {
  let index = 0;
  return postgres ? text.replace(/\?/g, () => `$${++index}`) : text;
}

/**
 * The rows an UPDATE/DELETE … RETURNING gave back: TypeORM answers `[rows, count]` for those on
 * PostgreSQL and the rows themselves on SQLite.
 */
export function returnedRows<T>(postgres: boolean, result: unknown): T[] {
  return (postgres ? (result as [T[], number])[0] : result) as T[];
}
