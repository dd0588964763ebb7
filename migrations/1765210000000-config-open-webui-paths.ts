import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isPlainObject } from '../src/settings/config-document.js';
import { liftLegacyGroups, lowerToLegacyGroups } from '../src/settings/legacy-groups.js';

/**
 * The task, Documents and Web Search settings move from the whole objects earlier builds saved at
 * `task.config`, `rag.config` and `rag.web.config` to Open WebUI's own paths (`task.model.default`,
 * `rag.top_k`, `rag.web.search.engine`, …), so Open WebUI reads what we saved and we read what it saved.
 * Data only: the `config` table keeps its shape. `data` is TEXT on SQLite and json on PostgreSQL.
 */
export class ConfigOpenWebuiPaths1765210000000 implements MigrationInterface {
  name = 'ConfigOpenWebuiPaths1765210000000';

  up(queryRunner: QueryRunner): Promise<void> {
    return rewriteDocuments(queryRunner, liftLegacyGroups);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return rewriteDocuments(queryRunner, (data) => {
      lowerToLegacyGroups(data);
      return true;
    });
  }
}

/** Applies `change` to every row's document, writing back those it changed. */
async function rewriteDocuments(
  queryRunner: QueryRunner,
  change: (data: Record<string, unknown>) => boolean,
): Promise<void> {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const rows = (await queryRunner.query('SELECT "id", "data" FROM "config"')) as { id: number; data: unknown }[];
  for (const row of rows) {
    const data: unknown = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
    if (!isPlainObject(data) || !change(data)) continue;
    await queryRunner.query(
      postgres ? 'UPDATE "config" SET "data" = $1 WHERE "id" = $2' : 'UPDATE "config" SET "data" = ? WHERE "id" = ?',
      [JSON.stringify(data), row.id],
    );
  }
}
