import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liftLegacyGroups, lowerToLegacyGroups } from '../../src/settings/legacy-groups.js';

/** The config migration's data logic (its `up` and `down`), without a database. */
describe('legacy whole-object settings groups', () => {
  it('lifts each group to its fields’ paths, and lowers them back for a migration’s down', () => {
    const earlier = {
      ui: { enable_signup: false },
      task: { config: { TASK_MODEL: 'llama3', ENABLE_TITLE_GENERATION: false } },
      rag: { top_k: 1, config: { TOP_K: 6, FILE_IMAGE_COMPRESSION_WIDTH: 800, GONE: true }, web: { config: 'junk' } },
    };
    const data = structuredClone(earlier) as Record<string, any>;
    assert.equal(liftLegacyGroups(data), true);
    assert.deepEqual(
      { ...data },
      {
        ui: { enable_signup: false },
        task: { model: { default: 'llama3' }, title: { enable: false } },
        rag: { top_k: 6, web: {} },
        file: { image_compression_width: 800 },
      },
    );
    assert.equal(liftLegacyGroups(data), false, 'nothing left to move');

    lowerToLegacyGroups(data);
    assert.deepEqual(data.task.config, { TASK_MODEL: 'llama3', ENABLE_TITLE_GENERATION: false });
    assert.deepEqual(data.rag.config, { TOP_K: 6, FILE_IMAGE_COMPRESSION_WIDTH: 800 });
    assert.equal(data.rag.web.config, undefined, 'no web field saved: no group');
    assert.equal(data.rag.top_k, 6, 'the paths stay');
  });
});
