import { Worker } from 'node:worker_threads';
import { ExtractionError } from './extraction-error.js';
import { watchMemory } from './memory-watch.js';
import type { ParsedDocument, ParseRequest, WorkerReply } from './parse-document.js';

/** Resolved next to this file, so it works from the compiled output (dist/src/retrieval/extraction/). */
const WORKER_SCRIPT = new URL('./extraction-worker.js', import.meta.url);

/** The parser's own heap; a file that needs more fails alone instead of taking the server down. */
const WORKER_HEAP_MB = 256;
const MB = 1024 * 1024;
/** A worker's code, young generation and stacks, on top of its old-generation heap. */
const WORKER_OVERHEAD_BYTES = 128 * MB;

const OUT_OF_MEMORY = 'Reading the file needed more memory than a file may use, so it was stopped.';

/**
 * Parses one file in a worker thread of its own, with a bounded heap, and ends the worker when the
 * time limit passes or the process grows past the file's memory budget (heap, the file itself
 * twice, and what it may unpack to). Any way the worker fails (a parser error, running out of
 * memory, a crash) ends as an ExtractionError.
 */
export function runExtractionWorker(request: ParseRequest, fileBytes: number): Promise<ParsedDocument> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (outcome: { document: ParsedDocument } | { error: ExtractionError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unwatch();
      // Answer once the worker is gone, so the memory it held is free again by then.
      const answer = () => ('error' in outcome ? reject(outcome.error) : resolve(outcome.document));
      worker.terminate().then(answer, answer);
    };
    const fail = (message: string) => settle({ error: new ExtractionError(message) });
    const timer = setTimeout(() => {
      const seconds = Math.round(request.limits.timeoutMs / 100) / 10;
      fail(`Reading the file took longer than ${seconds} s, so it was stopped.`);
    }, request.limits.timeoutMs);
    const budget = WORKER_HEAP_MB * MB + WORKER_OVERHEAD_BYTES + 2 * fileBytes + request.limits.maxUnzippedBytes;
    const unwatch = watchMemory(budget, () => fail(OUT_OF_MEMORY));
    worker.once('message', (reply: WorkerReply) =>
      reply.ok ? settle({ document: reply.document }) : fail(reply.message),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? OUT_OF_MEMORY : `The file could not be read: ${error.message}`),
    );
    worker.once('exit', (code) => fail(`The file could not be read: the reader stopped (exit code ${code}).`));
  });
}
