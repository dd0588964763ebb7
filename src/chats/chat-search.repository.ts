import type { EntityManager } from 'typeorm';
import { containsPattern, LIKE_ESCAPE } from '../common/like.js';
import type { SearchDocument } from './chat-document.js';

/** A SQL condition with its named parameters, for a QueryBuilder `andWhere`. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * One page of a user's search results, as ChatsRepository builds it: the search repository decides
 * which conditions find the matches and calls `rows` (more than once when a cheap attempt falls short).
 */
export interface SearchPage<T> {
  /** Results up to the end of this page, earlier pages included. */
  wanted: number;
  /** Rows a full page holds. */
  size: number;
  /** The page of chats (alias `c`) passing the search's filters and these conditions, newest first. */
  rows(conditions: SqlCondition[]): Promise<T[]>;
  /** `updated_at` of the user's `count`-th newest chat the filters can return; undefined when fewer. */
  updatedAtOfNth(count: number): Promise<number | undefined>;
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
  /** One page of this user's chats whose title or a message contains the phrase. */
  abstract findPage<T>(manager: EntityManager, userId: string, phrase: string, page: SearchPage<T>): Promise<T[]>;
}

// SQLite entry rowids are (owner key << 42) | (chat slot << 21) | entry: every doclist of the FTS
// index is sorted by rowid, so one user's entries are one rowid range and one chat's a sub-range,
// and FTS5 seeks straight to a range. Each part has 21 bits (2M users, 2M chats per user over
// time, 2M entries per chat); rowids pass 2^53, so they are computed in SQL, never in JavaScript.
const OWNER_SHIFT = 42;
const CHAT_SPAN = 2 ** 21;
const OWNER_LAST = `(? << ${OWNER_SHIFT}) + ${2 ** OWNER_SHIFT - 1}`;
/** Below this many matching entries of the user, the matches themselves are the cheapest start. */
const FEW_MATCHES = 1000;
/** Otherwise newest chats are checked one by one, at most this many per wanted result. */
const CHATS_PER_RESULT = 4;

/**
 * SQLite: FTS5 with the trigram tokenizer, so LIKE '%word%' (case-insensitive) is index-assisted.
 * A search costs what the caller's own entries hold, never other users' (rowid ranges above), and a
 * common word costs what one page holds: the newest chats are checked one at a time until it fills.
 */
export class SqliteChatSearchRepository extends ChatSearchRepository {
  async replace(manager: EntityManager, chatId: string, userId: string, documents: SearchDocument[]): Promise<void> {
    await this.removeEntries(manager, chatId);
    await this.ensureSlot(manager, chatId, userId);
    for (const [entry, document] of documents.entries()) {
      await manager.query(
        'INSERT INTO chat_search_doc (id, chat_id, message_id) SELECT base + ?, chat_id, ? FROM chat_search_chat WHERE chat_id = ?',
        [entry, document.messageId, chatId],
      );
      await this.indexContent(manager, chatId, document);
    }
  }

  async upsert(manager: EntityManager, chatId: string, userId: string, document: SearchDocument): Promise<void> {
    const params = [chatId, document.messageId];
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM chat_search_doc WHERE chat_id = ? AND message_id = ?',
      params,
    );
    if (rows.length > 0) {
      await manager.query(
        'UPDATE chat_search SET content = ? WHERE rowid = (SELECT id FROM chat_search_doc WHERE chat_id = ? AND message_id = ?)',
        [document.content, ...params],
      );
      return;
    }
    await this.ensureSlot(manager, chatId, userId);
    // The next entry of the chat's range (a whole-document save renumbers from 0).
    const last = `(SELECT id FROM chat_search_doc WHERE id BETWEEN k.base AND k.base + ${CHAT_SPAN - 1} ORDER BY id DESC LIMIT 1)`;
    const added: unknown[] = await manager.query(
      `INSERT INTO chat_search_doc (id, chat_id, message_id)
       SELECT COALESCE(${last} + 1, k.base), k.chat_id, ? FROM chat_search_chat k
       WHERE k.chat_id = ? AND COALESCE(${last} + 1, k.base) <= k.base + ${CHAT_SPAN - 1}
       RETURNING id`,
      [document.messageId, chatId],
    );
    if (added.length === 0) throw new Error(`search index: chat ${chatId} has no entry left`);
    await this.indexContent(manager, chatId, document);
  }

  async remove(manager: EntityManager, chatIds: string[]): Promise<void> {
    for (const chatId of chatIds) {
      await this.removeEntries(manager, chatId);
      await manager.query('DELETE FROM chat_search_chat WHERE chat_id = ?', [chatId]);
    }
  }

  async findPage<T>(manager: EntityManager, userId: string, phrase: string, page: SearchPage<T>): Promise<T[]> {
    const keys: { key: number }[] = await manager.query('SELECT key FROM chat_search_owner WHERE user_id = ?', [
      userId,
    ]);
    if (keys.length === 0) return [];
    const key = keys[0].key;
    const match = matchOf(phrase);
    // The user's first FEW_MATCHES matching entries, by chat: when that is all of them, the chats are
    // known and fetched by id.
    const matches: { chat_id: string; entries: number }[] = await manager.query(
      `SELECT k.chat_id, count(*) AS entries FROM (
         SELECT rowid AS id FROM chat_search WHERE ${match.test('?')} AND rowid BETWEEN (? << ${OWNER_SHIFT}) AND ${OWNER_LAST}
         LIMIT ${FEW_MATCHES}) m
       JOIN chat_search_chat k ON k.base = (m.id >> 21) << 21 GROUP BY k.chat_id`,
      [match.value, key, key],
    );
    const owner = { sql: '+c.user_id = :searchUser', params: { searchUser: userId } };
    const byId = (ids: string[]) => page.rows([owner, { sql: 'c.id IN (:...searchIds)', params: { searchIds: ids } }]);
    if (matches.reduce((sum, row) => sum + row.entries, 0) < FEW_MATCHES) {
      return matches.length === 0 ? [] : byId(matches.map((row) => row.chat_id));
    }
    // A common phrase: walk the newest chats (the owner index gives them in order) and check each
    // one's entry range, which stops as soon as the page is full. The walk is bounded: when the
    // matches are old, the bounded walk comes back short and the user's whole range is read instead.
    const budget = page.wanted * CHATS_PER_RESULT;
    const cutoff = await page.updatedAtOfNth(budget);
    const inChat = (bound: string) => `(SELECT base FROM chat_search_chat WHERE chat_id = c.id)${bound}`;
    const walk: SqlCondition[] = [
      { sql: 'c.user_id = :searchUser', params: { searchUser: userId } },
      {
        sql:
          `EXISTS (SELECT 1 FROM chat_search WHERE rowid BETWEEN ${inChat('')} AND ${inChat(` + ${CHAT_SPAN - 1}`)} ` +
          `AND ${match.test(':searchPhrase')})`,
        params: { searchPhrase: match.value },
      },
    ];
    if (cutoff !== undefined) walk.push({ sql: 'c.updated_at >= :searchCutoff', params: { searchCutoff: cutoff } });
    const walked = await page.rows(walk);
    if (cutoff === undefined || walked.length === page.size) return walked;
    return page.rows([
      owner,
      {
        sql:
          `c.id IN (SELECT k.chat_id FROM chat_search JOIN chat_search_chat k ON k.base = (chat_search.rowid >> 21) << 21 ` +
          `WHERE ${match.test(':searchPhrase')} AND chat_search.rowid BETWEEN (:searchKey << ${OWNER_SHIFT}) ` +
          `AND (:searchKey << ${OWNER_SHIFT}) + ${2 ** OWNER_SHIFT - 1})`,
        params: { searchPhrase: match.value, searchKey: key },
      },
    ]);
  }

  /** Gives the chat a slot in its owner's range (the owner a key first) unless it has one. */
  private async ensureSlot(manager: EntityManager, chatId: string, userId: string): Promise<void> {
    const slots: unknown[] = await manager.query('SELECT 1 FROM chat_search_chat WHERE chat_id = ?', [chatId]);
    if (slots.length > 0) return;
    await manager.query(
      'INSERT OR IGNORE INTO chat_search_owner (user_id, key) SELECT ?, COALESCE(MAX(key), 0) + 1 FROM chat_search_owner',
      [userId],
    );
    const first = `(o.key << ${OWNER_SHIFT})`;
    const last = `(SELECT base FROM chat_search_chat WHERE base BETWEEN ${first} AND ${first} + ${2 ** OWNER_SHIFT - 1} ORDER BY base DESC LIMIT 1)`;
    const added: unknown[] = await manager.query(
      `INSERT INTO chat_search_chat (chat_id, base)
       SELECT ?, COALESCE(${last} + ${CHAT_SPAN}, ${first}) FROM chat_search_owner o
       WHERE o.user_id = ? AND COALESCE(${last} + ${CHAT_SPAN}, ${first}) < (o.key + 1) << ${OWNER_SHIFT}
       RETURNING chat_id`,
      [chatId, userId],
    );
    if (added.length === 0) throw new Error(`search index: user ${userId} has no chat slot left`);
  }

  private async indexContent(manager: EntityManager, chatId: string, document: SearchDocument): Promise<void> {
    await manager.query(
      'INSERT INTO chat_search (rowid, content) SELECT id, ? FROM chat_search_doc WHERE chat_id = ? AND message_id = ?',
      [document.content, chatId, document.messageId],
    );
  }

  private async removeEntries(manager: EntityManager, chatId: string): Promise<void> {
    await manager.query('DELETE FROM chat_search WHERE rowid IN (SELECT id FROM chat_search_doc WHERE chat_id = ?)', [
      chatId,
    ]);
    await manager.query('DELETE FROM chat_search_doc WHERE chat_id = ?', [chatId]);
  }
}

/**
 * The test one entry must pass, written around a parameter. A quoted FTS5 phrase is a substring match
 * under the trigram tokenizer and uses the index; trigrams need 3 characters, so shorter phrases
 * fall back to LIKE, which reads the entries of the rowid range it is given.
 */
function matchOf(phrase: string): { test: (param: string) => string; value: string } {
  if ([...phrase].length >= 3) {
    return { test: (param) => `chat_search MATCH ${param}`, value: `"${phrase.replaceAll('"', '""')}"` };
  }
  return { test: (param) => `chat_search.content LIKE ${param} ${LIKE_ESCAPE}`, value: containsPattern(phrase) };
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

  findPage<T>(_manager: EntityManager, userId: string, phrase: string, page: SearchPage<T>): Promise<T[]> {
    // ARRAY(subquery) is computed once, before the chat scan: with stale statistics (right after a
    // bulk import) the planner otherwise probes the search table once per chat (~1 s for 1,000 chats).
    return page.rows([
      { sql: 'c.user_id = :searchUser', params: { searchUser: userId } },
      {
        sql:
          'c.id = ANY(ARRAY(SELECT DISTINCT s.chat_id FROM chat_search s ' +
          `WHERE s.content ILIKE :searchPhrase ${LIKE_ESCAPE} AND s.user_id = :searchUser))`,
        params: { searchPhrase: containsPattern(phrase) },
      },
    ]);
  }
}
