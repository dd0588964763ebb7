// Helpers for extraction tests: files in a temporary folder, limits, and the process's peak memory.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { ExtractionLimits } from '../../src/config/app-config.js';
import { ExtractionError } from '../../src/retrieval/extraction/extract-text.js';

export const MB = 1024 * 1024;

export const TEST_LIMITS: ExtractionLimits = {
  maxBytes: 20 * MB,
  maxPages: 100,
  timeoutMs: 20_000,
  maxUnzippedBytes: 64 * MB,
  maxTextChars: 1_000_000,
};

/** A temporary folder for the suite; `write` puts a file there under a name without extension (only the upload's filename names the type). */
export function scratchFolder() {
  let folder = '';
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'extraction-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));
  return {
    async write(data: string | Buffer): Promise<string> {
      const path = join(folder, randomUUID());
      await writeFile(path, data);
      return path;
    },
    /** A large file written a chunk at a time, never held whole. */
    async writeRepeated(chunk: Buffer, times: number): Promise<string> {
      const path = join(folder, randomUUID());
      const handle = await open(path, 'w');
      for (let i = 0; i < times; i += 1) await handle.write(chunk);
      await handle.close();
      return path;
    },
  };
}

/** Runs `work` while sampling the resident memory; returns how far it rose above the start, and the time taken. */
export async function measured(work: () => Promise<unknown>): Promise<{ peakGrowthMb: number; ms: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const began = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return {
    peakGrowthMb: Math.round((Math.max(peak, process.memoryUsage.rss()) - start) / MB),
    ms: performance.now() - began,
  };
}

/** Asserts that `promise` fails with an ExtractionError whose message matches `pattern`. */
export async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ExtractionError, `expected an ExtractionError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}
