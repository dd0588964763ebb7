import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatSearchByOwner1765400000000 } from '../migrations/1765400000000-chat-search-by-owner.js';
import { chatJson, ids, importChats, type ImportItem } from './support/chats.js';
import type { TestUser } from './support/factories.js';
import { appFixture } from './support/fixture.js';

const BASE = 1_700_000_000;

/** `count` chats whose title and both messages hold `word`, updated at `from`, `from + 1`, … */
function chatsWith(word: string, count: number, from: number): ImportItem[] {
  return Array.from({ length: count }, (_, i) => ({
    chat: chatJson(`${word} ${i}`, `about ${word} here`, `more on ${word}`),
    created_at: from + i,
    updated_at: from + i,
  }));
}

/**
 * SQLite picks a plan per search: the matches themselves when the user has under 1,000 matching
 * entries, otherwise the newest chats one by one (a bounded walk) and, when that walk comes back
 * short, every entry of the user. These sizes put each case past its threshold; the answers must be
 * the same as a plain newest-first filter.
 */
describe('search over many entries', () => {
  const fixture = appFixture();

  const search = async (owner: TestUser, text: string, page = 1): Promise<string[]> => {
    const response = await fixture.app.http.get(`/api/v1/chats/search?text=${encodeURIComponent(text)}&page=${page}`, {
      token: owner.token,
    });
    assert.equal(response.status, 200, response.text);
    return ids(response.body as { id: string }[]);
  };

  /** Imported ids, newest first (every chat here has its own updated_at). */
  const newestFirst = async (owner: TestUser, items: ImportItem[]): Promise<string[]> => {
    const created = (await importChats(fixture.app, owner, items)) as { id: string; updated_at: number }[];
    return created.sort((a, b) => b.updated_at - a.updated_at).map((chat) => chat.id);
  };

  it('pages a word in every chat newest first, and a word only in old chats, never showing others', async () => {
    const { user: owner, other } = fixture.cast;
    // 400 old chats with "fossil" (1,200 entries), then 300 newer ones with "needle" (900 entries).
    const fossils = await newestFirst(owner, chatsWith('fossil', 400, BASE));
    const needles = await newestFirst(owner, chatsWith('needle', 300, BASE + 1000));
    await importChats(fixture.app, other, chatsWith('fossil', 400, BASE + 5000));
    await importChats(fixture.app, other, chatsWith('needle', 400, BASE + 5000));

    // "needle": 900 entries of the owner (under the threshold), matches first.
    assert.deepEqual(await search(owner, 'needle'), needles.slice(0, 60));
    assert.deepEqual(await search(owner, 'needle', 5), needles.slice(240, 300));
    // "e": every entry of both words (2,100), the newest chats walked, LIKE for a short phrase.
    const all = [...needles, ...fossils];
    assert.deepEqual(await search(owner, 'e'), all.slice(0, 60));
    assert.deepEqual(await search(owner, 'e', 6), all.slice(300, 360));
    assert.deepEqual(await search(owner, 'e', 12), all.slice(660, 700));
    // "fossil": 1,200 entries, none in the 300 newest chats: the bounded walk finds nothing, then
    // the owner's whole range is read.
    assert.deepEqual(await search(owner, 'fossil'), fossils.slice(0, 60));
    assert.deepEqual(await search(owner, 'FOSSIL', 7), fossils.slice(360, 400));
    assert.deepEqual(await search(owner, 'fossil', 8), []);
    // "ossi": trigrams inside the word, same answers.
    assert.deepEqual(await search(owner, 'ossi', 2), fossils.slice(60, 120));
    // The other user's matches are theirs alone, and the filters still apply to a walked search.
    assert.equal((await search(other, 'fossil')).length, 60);
    assert.equal((await search(other, 'fossil')).filter((id) => all.includes(id)).length, 0);
    assert.deepEqual(await search(owner, 'e archived:true'), []);

    // Edits keep a chat's entries in its range: a new message in the oldest fossil chat makes it match
    // "needle" and, being the newest update, come first.
    const oldest = fossils[399];
    const added = await fixture.app.http.post(
      `/api/v1/chats/${oldest}/messages/msg-extra`,
      { content: 'a needle in the fossil' },
      { token: owner.token },
    );
    assert.equal(added.status, 200, added.text);
    assert.deepEqual((await search(owner, 'needle')).slice(0, 2), [oldest, needles[0]]);
    assert.equal((await search(owner, 'needle', 6)).length, 1);
  });

  it('answers the same after the migration rebuilds an index written by the earlier build', async () => {
    const { user: owner, other } = fixture.cast;
    const before = [await search(owner, 'fossil', 3), await search(owner, 'e', 2), await search(other, 'needle')];
    assert.equal(before[0].length, 60);
    // Undo the migration (back to the earlier layout, entries kept) and run it again on restart.
    const migration = new ChatSearchByOwner1765400000000();
    const runner = fixture.app.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
    } finally {
      await runner.release();
    }
    const placeholder = fixture.app.dataSource.options.type === 'postgres' ? '$1' : '?';
    await fixture.app.dataSource.query(`DELETE FROM "migrations" WHERE "name" = ${placeholder}`, [migration.name]);
    fixture.app = await fixture.app.restart();
    const after = [await search(owner, 'fossil', 3), await search(owner, 'e', 2), await search(other, 'needle')];
    assert.deepEqual(after, before);
  });
});
