import type { EntityManager } from 'typeorm';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import type { SearchDocument } from './chat-document.js';

/** A SQL condition on `chat.id` with its named parameters, for a QueryBuilder `andWhere`. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Full-text index over chat titles and message text, one entry per (chat, message). Writes are
 * per message, so a server-side append touches one entry, not the whole chat.
 */
export abstract class ChatSearchRepository {
  /** Replaces every entry of one chat (after a whole-document save). */
  abstract replace(manager: EntityManager, chatId: string, userId: string, documents: SearchDocument[]): Promise<void>;
  /** Sets one message's entry (after a server-side upsert). */
  abstract upsert(manager: EntityManager, chatId: string, userId: string, document: SearchDocument): Promise<void>;
  abstract remove(manager: EntityManager, chatIds: string[]): Promise<void>;
  /** `chat.id IN (chats of this user whose title or a message contains the phrase)` */
  abstract matching(alias: string, userId: string, phrase: string): SqlCondition;
  /** The owner filter to use beside `matching`, written so the planner starts from the matches. */
  abstract ownerCondition(alias: string, userId: string): SqlCondition;
}

/** SQLite: FTS5 with the trigram tokenizer, so LIKE '%word%' (case-insensitive) is index-assisted. */
export class SqliteChatSearchRepository extends ChatSearchRepository {
  async replace(manager: EntityManager, chatId: string, userId: string, documents: SearchDocument[]): Promise<void> {
    await this.remove(manager, [chatId]);
    for (const document of documents) await this.insert(manager, chatId, userId, document);
  }

  async upsert(manager: EntityManager, chatId: string, userId: string, document: SearchDocument): Promise<void> {
    const rows: { id: number }[] = await manager.query(
      'SELECT id FROM chat_search_doc WHERE chat_id = ? AND message_id = ?',
      [chatId, document.messageId],
    );
    if (rows.length > 0) {
      await manager.query('UPDATE chat_search SET content = ? WHERE rowid = ?', [document.content, rows[0].id]);
    } else {
      await this.insert(manager, chatId, userId, document);
    }
  }

  async remove(manager: EntityManager, chatIds: string[]): Promise<void> {
    for (const chatId of chatIds) {
      await manager.query('DELETE FROM chat_search WHERE rowid IN (SELECT id FROM chat_search_doc WHERE chat_id = ?)', [
        chatId,
      ]);
      await manager.query('DELETE FROM chat_search_doc WHERE chat_id = ?', [chatId]);
    }
  }

  matching(alias: string, userId: string, phrase: string): SqlCondition {
    // A quoted FTS5 phrase is a substring match under the trigram tokenizer and uses the index;
    // LIKE with an ESCAPE clause would scan every entry. Trigrams need 3 characters, so shorter
    // phrases fall back to LIKE (a scan of the search table, still never of chat bodies).
    if ([...phrase].length >= 3) {
      return {
        sql:
          `${alias}.id IN (SELECT d.chat_id FROM chat_search JOIN chat_search_doc d ON d.id = chat_search.rowid ` +
          `WHERE chat_search MATCH :phrase AND d.user_id = :searchUser)`,
        params: { phrase: `"${phrase.replaceAll('"', '""')}"`, searchUser: userId },
      };
    }
    return {
      sql:
        `${alias}.id IN (SELECT d.chat_id FROM chat_search s JOIN chat_search_doc d ON d.id = s.rowid ` +
        `WHERE s.content LIKE :phrase ${LIKE_ESCAPE} AND d.user_id = :searchUser)`,
      params: { phrase: containsPattern(phrase), searchUser: userId },
    };
  }

  ownerCondition(alias: string, userId: string): SqlCondition {
    // Unary `+` keeps SQLite from driving the search through the owner index (every one of the
    // user's chats, one row read each); matches are few, so it starts from them instead (~7x faster
    // with 10,000 chats).
    return { sql: `+${alias}.user_id = :userId`, params: { userId } };
  }

  private async insert(manager: EntityManager, chatId: string, userId: string, document: SearchDocument) {
    const result: unknown = await manager.query(
      'INSERT INTO chat_search_doc (chat_id, message_id, user_id) VALUES (?, ?, ?) RETURNING id',
      [chatId, document.messageId, userId],
    );
    const id = (result as { id: number }[])[0].id;
    await manager.query('INSERT INTO chat_search (rowid, content) VALUES (?, ?)', [id, document.content]);
  }
}

/** PostgreSQL: a pg_trgm GIN index, so ILIKE '%word%' is index-assisted. */
export class PostgresChatSearchRepository extends ChatSearchRepository {
  async replace(manager: EntityManager, chatId: string, userId: string, documents: SearchDocument[]): Promise<void> {
    await this.remove(manager, [chatId]);
    // PostgreSQL caps bind parameters at 65,535: insert in chunks.
    for (let start = 0; start < documents.length; start += 1000) {
      const chunk = documents.slice(start, start + 1000);
      const values = chunk.map((_, i) => `($1, $${i * 2 + 3}, $2, $${i * 2 + 4})`).join(', ');
      await manager.query(`INSERT INTO chat_search (chat_id, message_id, user_id, content) VALUES ${values}`, [
        chatId,
        userId,
        ...chunk.flatMap((document) => [document.messageId, document.content]),
      ]);
    }
  }

  async upsert(manager: EntityManager, chatId: string, userId: string, document: SearchDocument): Promise<void> {
    await manager.query(
      `INSERT INTO chat_search (chat_id, message_id, user_id, content) VALUES ($1, $2, $3, $4)
       ON CONFLICT (chat_id, message_id) DO UPDATE SET content = EXCLUDED.content`,
      [chatId, document.messageId, userId, document.content],
    );
  }

  async remove(manager: EntityManager, chatIds: string[]): Promise<void> {
    if (chatIds.length > 0) await manager.query('DELETE FROM chat_search WHERE chat_id = ANY($1)', [chatIds]);
  }

  matching(alias: string, userId: string, phrase: string): SqlCondition {
    // ARRAY(subquery) is computed once, before the chat scan: with stale statistics (right after a
    // bulk import) the planner otherwise probes the search table once per chat (~1 s for 1,000 chats).
    return {
      sql:
        `${alias}.id = ANY(ARRAY(SELECT DISTINCT s.chat_id FROM chat_search s ` +
        `WHERE s.content ILIKE :phrase ${LIKE_ESCAPE} AND s.user_id = :searchUser))`,
      params: { phrase: containsPattern(phrase), searchUser: userId },
    };
  }

  ownerCondition(alias: string, userId: string): SqlCondition {
    return { sql: `${alias}.user_id = :userId`, params: { userId } };
  }
}
