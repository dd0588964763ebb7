import { Column, type ColumnOptions, type DataSource, type ValueTransformer } from 'typeorm';

/** PostgreSQL returns BIGINT as a string; our timestamps are epoch seconds and fit a JS number. */
const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** JSON kept as text: the column is TEXT on both drivers, so the value is written and read as a string. */
const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
  from: (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null)),
};

/**
 * A JSON document column: `json` on PostgreSQL, TEXT on SQLite (migrations/column-types.ts). TypeORM
 * has no per-driver column type, so it is declared as TEXT and `resolvePortableColumns` turns it into
 * `json` on PostgreSQL, where the driver serialises the value and pg parses it on the way back. (A
 * plain DataSource would still work: PostgreSQL casts the text to json; only the schema diff differs.)
 * It converts like `jsonText`; it is an object of its own because that is how those columns are found.
 */
const jsonDocument: ValueTransformer = { ...jsonText };
const jsonNative: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => value ?? null,
};

export const EpochColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'bigint', transformer: bigintToNumber, ...options });

/** A JSON document: `json` on PostgreSQL, TEXT on SQLite. */
export const JsonColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'text', transformer: jsonDocument, nullable: true, ...options });

/** JSON in a column that is TEXT on both drivers (Open WebUI's schema keeps some JSON as text). */
export const JsonTextColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'text', transformer: jsonText, nullable: true, ...options });

/**
 * Gives the portable columns this driver's type once the DataSource has built its entity metadata
 * (AppDataSource calls it), so the entities describe the schema the migrations create on each driver.
 */
export function resolvePortableColumns(dataSource: DataSource): void {
  if (dataSource.options.type !== 'postgres') return;
  for (const column of dataSource.entityMetadatas.flatMap((entity) => entity.columns)) {
    if (column.transformer !== jsonDocument) continue;
    column.type = 'json';
    column.transformer = jsonNative;
  }
}

/**
 * A JSON object column's type. `any` values because TypeORM's partial-update types cannot map
 * `unknown`; code reading a field narrows it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;
