import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tagIdOf } from '../../src/chats/chat-document.js';
import { parseSearch } from '../../src/chats/search-query.js';

describe('parseSearch', () => {
  it('reads empty and blank input as no phrase and no filters', () => {
    for (const text of ['', '   ', '\t']) {
      assert.deepEqual(parseSearch(text), { phrase: '', tags: [], tagNone: false }, JSON.stringify(text));
    }
  });

  it('lower-cases the phrase and folds runs of spaces between its words', () => {
    assert.equal(parseSearch('  Trip   To ROME ').phrase, 'trip to rome');
  });

  it('takes tag: filters out of the phrase, as tag ids, wherever they stand', () => {
    const parsed = parseSearch('budget tag:Work plans tag:Q3_Goals');
    assert.deepEqual(parsed.tags, ['work', 'q3_goals']);
    assert.equal(parsed.phrase, 'budget plans');
    assert.equal(parsed.tagNone, false);
  });

  it('reads tag:none (any case) as "untagged", not as a tag named none', () => {
    const parsed = parseSearch('TAG:None notes');
    assert.equal(parsed.tagNone, true);
    assert.deepEqual(parsed.tags, []);
    assert.equal(parsed.phrase, 'notes');
  });

  it('keeps a key with an empty value, an unknown key and a URL as words of the phrase', () => {
    assert.deepEqual(parseSearch('tag: report'), { phrase: 'tag: report', tags: [], tagNone: false });
    assert.equal(parseSearch('note:x').phrase, 'note:x');
    const url = parseSearch('see https://example.com/a?b=c');
    assert.equal(url.phrase, 'see https://example.com/a?b=c');
    assert.equal(url.folder, undefined);
  });

  it('keeps everything after the first colon as the value (folder:a:b), the last folder winning', () => {
    assert.equal(parseSearch('folder:a:b').folder, 'a:b');
    const twice = parseSearch('folder:first folder:Second');
    assert.equal(twice.folder, 'second');
    assert.equal(twice.phrase, '');
  });

  it('reads pinned:, archived: and shared: as booleans; any other value filters nothing', () => {
    const parsed = parseSearch('pinned:true archived:FALSE shared:maybe draft');
    assert.equal(parsed.pinned, true);
    assert.equal(parsed.archived, false);
    assert.equal(parsed.shared, undefined);
    assert.equal(parsed.phrase, 'draft', 'a filter with a bad value is not searched as text either');
  });

  it('has no quoting: quote marks stay part of the words', () => {
    const parsed = parseSearch('"Hello World" tag:"x"');
    assert.equal(parsed.phrase, '"hello world"');
    assert.deepEqual(parsed.tags, ['"x"']);
  });

  it('lower-cases non-ASCII letters in the phrase and in tags', () => {
    const parsed = parseSearch('Café ÜBER tag:Größe tag:ÉTÉ');
    assert.equal(parsed.phrase, 'café über');
    assert.deepEqual(parsed.tags, ['größe', 'été']);
  });
});

describe('tagIdOf', () => {
  it('lower-cases and turns every space into an underscore', () => {
    assert.equal(tagIdOf('My  Big Tag'), 'my__big_tag');
    assert.equal(tagIdOf('Ärger'), 'ärger');
    assert.equal(tagIdOf(''), '');
  });
});
