import { Column, type ColumnOptions, type ValueTransformer } from 'typeorm';

/** PostgreSQL returns BIGINT as a string; our timestamps are epoch seconds and fit a JS number. */
const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * JSON stored portably: PostgreSQL columns are `json` (parsed by the driver), SQLite columns are TEXT.
 * Writes always send text, which PostgreSQL casts to json.
 */
const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
  from: (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null)),
};

export const EpochColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'bigint', transformer: bigintToNumber, ...options });

export const JsonColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'text', transformer: jsonText, nullable: true, ...options });

/**
 * A JSON object column's type. `any` values because TypeORM's partial-update types cannot map
 * `unknown`; code reading a field narrows it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;
