// Ingest through the server against the same batches sent straight to the provider, and the memory a
// large file costs while it is ingested.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Corpus } from './corpus.js';
import { eachConcurrently, processed, upload } from './http.js';
import { type BenchProvider, replay } from './provider.js';

export interface IngestResult {
  documents: number;
  textMb: number;
  chunks: number;
  requests: number;
  peakInFlight: number;
  serverSeconds: number;
  directSeconds: number;
  serverDocsPerSecond: number;
  directDocsPerSecond: number;
  ratio: number;
}

export async function measureIngest(
  base: string,
  token: string,
  provider: BenchProvider,
  options: { documents: number; documentChars: number; uploadConcurrency: number },
): Promise<IngestResult> {
  const corpus = new Corpus(7);
  const texts = Array.from({ length: options.documents }, () => corpus.text(options.documentChars));
  provider.reset();
  const started = performance.now();
  const ids: string[] = new Array<string>(texts.length);
  await eachConcurrently(texts, options.uploadConcurrency, async (text, i) => {
    ids[i] = await upload(base, token, `doc-${i}.txt`, text);
  });
  for (const id of ids) await processed(base, token, id);
  const serverMs = performance.now() - started;
  const batches = [...provider.batches];
  const peakInFlight = provider.peakInFlight();
  provider.reset();
  const directMs = await replay(provider, batches, peakInFlight);
  const documents = texts.length;
  return {
    documents,
    textMb: texts.reduce((sum, text) => sum + text.length, 0) / 1e6,
    chunks: batches.reduce((sum, batch) => sum + batch.length, 0),
    requests: batches.length,
    peakInFlight,
    serverSeconds: serverMs / 1000,
    directSeconds: directMs / 1000,
    serverDocsPerSecond: documents / (serverMs / 1000),
    directDocsPerSecond: documents / (directMs / 1000),
    ratio: directMs / serverMs,
  };
}

export interface MemoryResult {
  fileMb: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  growthMb: number;
  seconds: number;
  chunks: number;
}

/** Uploads one text file of `megabytes` and samples the server's RSS until it is processed. */
export async function measureLargeFile(
  base: string,
  token: string,
  pid: number,
  provider: BenchProvider,
  megabytes: number,
): Promise<MemoryResult> {
  const corpus = new Corpus(11);
  const parts: string[] = [];
  let size = 0;
  while (size < megabytes * 1e6) {
    const part = corpus.text(1_000_000);
    parts.push(part);
    size += part.length + 2;
  }
  const file = new Blob([parts.join('\n\n')], { type: 'text/plain' });
  parts.length = 0;
  await sleep(2000); // let the server settle after start
  const before = rssMb(pid);
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, rssMb(pid));
      await sleep(50);
    }
  })();
  provider.reset();
  const started = performance.now();
  try {
    const id = await upload(base, token, 'large.txt', file);
    await processed(base, token, id, 1_800_000);
  } finally {
    sampling = false;
    await sampler;
  }
  return {
    fileMb: file.size / 1e6,
    rssBeforeMb: before,
    rssPeakMb: peak,
    growthMb: peak - before,
    seconds: (performance.now() - started) / 1000,
    chunks: provider.batches.reduce((sum, batch) => sum + batch.length, 0),
  };
}

export function rssMb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) / 1024;
}
