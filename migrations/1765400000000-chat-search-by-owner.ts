import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const RECENT_INDEX = new TableIndex({
  name: 'chat_user_recent_idx',
  columnNames: ['user_id', 'archived', 'updated_at'],
});

/**
 * Search cost follows the caller's own data. On SQLite the FTS rowids become
 * (owner key << 42) | (chat slot << 21) | entry (see chat-search.repository.ts), so one user's
 * entries are one rowid range of every doclist and one chat's a sub-range: the existing index is
 * rebuilt with those rowids (a few minutes for millions of messages). `chat_search_owner` and
 * `chat_search_chat` hold the keys and slots; `chat_search_doc` no longer needs `user_id`.
 * Both databases get a (user, archived, updated_at) index, which gives a user's chats newest first
 * whatever `pinned` is, so a search for a common word walks them in order and stops at a full page.
 * PostgreSQL's trigram index already starts from the owner's rows and is unchanged.
 */
export class ChatSearchByOwner1765400000000 implements MigrationInterface {
  name = 'ChatSearchByOwner1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('chat', RECENT_INDEX);
    if (queryRunner.connection.options.type === 'postgres') return;
    await runAll(
      queryRunner,
      'ALTER TABLE chat_search RENAME TO chat_search_old',
      'ALTER TABLE chat_search_doc RENAME TO chat_search_doc_old',
      'CREATE TABLE chat_search_owner (user_id varchar PRIMARY KEY NOT NULL, key INTEGER NOT NULL UNIQUE)',
      'CREATE TABLE chat_search_chat (chat_id varchar PRIMARY KEY NOT NULL, base INTEGER NOT NULL UNIQUE)',
      `CREATE TABLE chat_search_doc (
         id INTEGER PRIMARY KEY, chat_id varchar NOT NULL, message_id varchar NOT NULL, UNIQUE (chat_id, message_id))`,
      "CREATE VIRTUAL TABLE chat_search USING fts5(content, tokenize = 'trigram')",
      `INSERT INTO chat_search_owner (user_id, key)
       SELECT user_id, row_number() OVER (ORDER BY user_id) FROM (SELECT DISTINCT user_id FROM chat_search_doc_old)`,
      // Slots in order of each chat's first entry; entries in their old order within the chat.
      `INSERT INTO chat_search_chat (chat_id, base)
       SELECT d.chat_id, (o.key << 42) + ((row_number() OVER (PARTITION BY o.key ORDER BY min(d.id)) - 1) << 21)
       FROM chat_search_doc_old d JOIN chat_search_owner o ON o.user_id = d.user_id GROUP BY d.chat_id, o.key`,
      `INSERT INTO chat_search_doc (id, chat_id, message_id)
       SELECT k.base + row_number() OVER (PARTITION BY d.chat_id ORDER BY d.id) - 1, d.chat_id, d.message_id
       FROM chat_search_doc_old d JOIN chat_search_chat k ON k.chat_id = d.chat_id`,
      `INSERT INTO chat_search (rowid, content)
       SELECT n.id, s.content FROM chat_search_doc n
       JOIN chat_search_doc_old d ON d.chat_id = n.chat_id AND d.message_id = n.message_id
       JOIN chat_search_old s ON s.rowid = d.id ORDER BY n.id`,
      'DROP TABLE chat_search_old',
      'DROP TABLE chat_search_doc_old',
      // One segment: a per-chat check then seeks once per term instead of once per segment.
      "INSERT INTO chat_search (chat_search) VALUES ('optimize')",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('chat', RECENT_INDEX);
    if (queryRunner.connection.options.type === 'postgres') return;
    await runAll(
      queryRunner,
      'ALTER TABLE chat_search RENAME TO chat_search_new',
      'ALTER TABLE chat_search_doc RENAME TO chat_search_doc_new',
      `CREATE TABLE chat_search_doc (
         id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id varchar NOT NULL, message_id varchar NOT NULL,
         user_id varchar NOT NULL, UNIQUE (chat_id, message_id))`,
      "CREATE VIRTUAL TABLE chat_search USING fts5(content, tokenize = 'trigram')",
      `INSERT INTO chat_search_doc (chat_id, message_id, user_id)
       SELECT d.chat_id, d.message_id, o.user_id FROM chat_search_doc_new d
       JOIN chat_search_owner o ON o.key = d.id >> 42 ORDER BY d.id`,
      `INSERT INTO chat_search (rowid, content)
       SELECT d.id, s.content FROM chat_search_doc d
       JOIN chat_search_doc_new n ON n.chat_id = d.chat_id AND n.message_id = d.message_id
       JOIN chat_search_new s ON s.rowid = n.id ORDER BY d.id`,
      'DROP TABLE chat_search_new',
      'DROP TABLE chat_search_doc_new',
      'DROP TABLE chat_search_chat',
      'DROP TABLE chat_search_owner',
    );
  }
}

async function runAll(queryRunner: QueryRunner, ...statements: string[]): Promise<void> {
  for (const statement of statements) await queryRunner.query(statement);
}
