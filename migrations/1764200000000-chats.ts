import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from './column-types.js';

/**
 * Chats, tags and folders (Open WebUI's tables), plus what makes them fast at any size:
 * - `chat.chat` (the large JSON document) is the last column, so list queries that read the small
 *   columns never walk a row's overflow pages on SQLite;
 * - `chat_tag` mirrors `chat.meta.tags` so tag filters are index lookups, not JSON scans;
 * - `chat_message_patch` holds server-side message upserts: one small row per message instead of
 *   rewriting the whole document, folded into it on the next client save;
 * - a full-text index over titles and message text (SQLite FTS5 trigram; PostgreSQL pg_trgm).
 */
export class Chats1764200000000 implements MigrationInterface {
  name = 'Chats1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnTypes(queryRunner);
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'chat',
        columns: [
          c.id(),
          c.varchar('user_id'),
          c.text('title'),
          c.epoch('created_at'),
          c.epoch('updated_at'),
          { ...c.text('share_id', true), isUnique: true },
          c.bool('archived', false),
          c.bool('pinned', false, true),
          { ...c.json('meta', false), default: "'{}'" },
          c.text('folder_id', true),
          c.json('chat', false),
        ],
        indices: [
          new TableIndex({ name: 'chat_user_list_idx', columnNames: ['user_id', 'archived', 'pinned', 'updated_at'] }),
          new TableIndex({ name: 'folder_id_user_id_idx', columnNames: ['folder_id', 'user_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tag',
        columns: [
          { ...c.varchar('id'), isPrimary: true },
          c.varchar('name'),
          { ...c.varchar('user_id'), isPrimary: true },
          c.json('meta'),
        ],
        indices: [new TableIndex({ name: 'user_id_idx', columnNames: ['user_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'chat_tag',
        columns: [
          { ...c.varchar('chat_id'), isPrimary: true },
          { ...c.varchar('tag_id'), isPrimary: true },
          c.varchar('user_id'),
        ],
        indices: [new TableIndex({ name: 'chat_tag_user_tag_idx', columnNames: ['user_id', 'tag_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'chat_message_patch',
        columns: [
          { ...c.varchar('chat_id'), isPrimary: true },
          { ...c.varchar('message_id'), isPrimary: true },
          c.text('data'),
          { name: 'updated_ms', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'folder',
        columns: [
          { ...c.text('id'), isPrimary: true },
          c.text('parent_id', true),
          c.text('user_id'),
          c.text('name'),
          c.json('items'),
          c.json('meta'),
          c.json('data'),
          c.bool('is_expanded', false),
          c.epoch('created_at'),
          c.epoch('updated_at'),
        ],
        indices: [new TableIndex({ name: 'folder_user_parent_idx', columnNames: ['user_id', 'parent_id'] })],
      }),
    );
    if (isPostgres) {
      await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await queryRunner.query(
        `CREATE TABLE chat_search (
           chat_id varchar NOT NULL, message_id varchar NOT NULL, user_id varchar NOT NULL, content text NOT NULL,
           PRIMARY KEY (chat_id, message_id))`,
      );
      await queryRunner.query('CREATE INDEX chat_search_user_idx ON chat_search (user_id)');
      await queryRunner.query('CREATE INDEX chat_search_content_trgm ON chat_search USING gin (content gin_trgm_ops)');
    } else {
      // FTS5 cannot look rows up by an unindexed column, so a plain table maps (chat, message) to the
      // FTS rowid: replacing one chat's entries is then an index lookup, not a scan.
      await queryRunner.query(
        `CREATE TABLE chat_search_doc (
           id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id varchar NOT NULL, message_id varchar NOT NULL,
           user_id varchar NOT NULL, UNIQUE (chat_id, message_id))`,
      );
      await queryRunner.query("CREATE VIRTUAL TABLE chat_search USING fts5(content, tokenize = 'trigram')");
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query('DROP TABLE chat_search');
    if (!isPostgres) await queryRunner.query('DROP TABLE chat_search_doc');
    for (const table of ['folder', 'chat_message_patch', 'chat_tag', 'tag', 'chat']) await queryRunner.dropTable(table);
  }
}
