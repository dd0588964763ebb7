import { Column } from 'typeorm';
/** PostgreSQL returns BIGINT as a string; our timestamps are epoch seconds and fit a JS number. */
const bigintToNumber = {
    to: (value) => value,
    from: (value) => (value === null ? null : Number(value)),
};
/**
 * JSON stored portably: PostgreSQL columns are `json` (parsed by the driver), SQLite columns are TEXT.
 * Writes always send text, which PostgreSQL casts to json.
 */
const jsonText = {
    to: (value) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
    from: (value) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null)),
};
export const EpochColumn = (options = {}) => Column({ type: 'bigint', transformer: bigintToNumber, ...options });
export const JsonColumn = (options = {}) => Column({ type: 'text', transformer: jsonText, nullable: true, ...options });
//# sourceMappingURL=columns.js.map