import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChangelog } from '../../src/meta/changelog.js';

describe('parseChangelog', () => {
  it('reads versions, dates and sections, joining wrapped list items', () => {
    const changelog = parseChangelog(
      [
        '# Changelog',
        'Intro text is ignored.',
        '## [1.1.0] - 2026-01-02',
        '### Added',
        '- **Search**: finds chats',
        '  by title.',
        '- A plain item',
        '### Fixed',
        '* `x` escapes <b>',
        '## [1.0.0]',
        '### Removed',
        '- Old [docs](https://example.com/docs)',
      ].join('\n'),
    );
    assert.deepEqual(changelog['1.1.0'], {
      date: '2026-01-02',
      added: [
        {
          title: 'Search',
          content: 'finds chats by title.',
          raw: '<li><strong>Search</strong>: finds chats by title.</li>',
        },
        { title: '', content: 'A plain item', raw: '<li>A plain item</li>' },
      ],
      fixed: [{ title: '', content: 'x escapes <b>', raw: '<li><code>x</code> escapes &lt;b&gt;</li>' }],
    });
    assert.deepEqual(changelog['1.0.0'], {
      date: '',
      removed: [
        {
          title: '',
          content: 'Old [docs](https://example.com/docs)',
          raw: '<li>Old <a href="https://example.com/docs">docs</a></li>',
        },
      ],
    });
  });

  it('reads nothing from text without version headings', () => {
    assert.deepEqual(parseChangelog('# Changelog\n- stray item'), {});
  });
});
