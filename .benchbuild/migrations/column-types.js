/**
 * Column helpers so one migration serves SQLite and PostgreSQL: JSON is `json` on PostgreSQL and
 * TEXT on SQLite; timestamps are BIGINT epoch seconds on both.
 */
export function columnTypes(queryRunner) {
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    return {
        id: (name = 'id') => ({ name, type: 'varchar', isPrimary: true }),
        text: (name, nullable = false) => ({ name, type: 'text', isNullable: nullable }),
        varchar: (name, nullable = false) => ({ name, type: 'varchar', isNullable: nullable }),
        json: (name, nullable = true) => ({
            name,
            type: isPostgres ? 'json' : 'text',
            isNullable: nullable,
        }),
        epoch: (name, nullable = false) => ({ name, type: 'bigint', isNullable: nullable }),
        bool: (name, fallback, nullable = false) => ({
            name,
            type: 'boolean',
            isNullable: nullable,
            default: isPostgres ? String(fallback) : fallback ? 1 : 0,
        }),
        timestamp: (name, nullable = true) => ({
            name,
            type: isPostgres ? 'timestamp' : 'datetime',
            isNullable: nullable,
            default: nullable ? undefined : 'CURRENT_TIMESTAMP',
        }),
    };
}
//# sourceMappingURL=column-types.js.map