/**
 * A backstop for memory a worker's heap limit does not see. `resourceLimits` bounds the JavaScript
 * heap, but ArrayBuffers live outside it, and pdf.js inflates a PDF's streams into them: a small
 * PDF holding one huge compressed stream would otherwise grow the process by gigabytes. V8 cannot
 * tell which worker holds what, so while extractions run, the process's resident memory is sampled;
 * when it grows past the sum of their budgets over where it stood when the oldest began, all of
 * them are stopped (one of them is the cause, and the others fail with the same clear error).
 */
interface Watched {
  budgetBytes: number;
  rssAtStart: number;
  onExceeded(): void;
}

const SAMPLE_MS = 50;
const watched = new Set<Watched>();
let sampler: NodeJS.Timeout | undefined;

/** Watches one extraction until the returned function is called. */
export function watchMemory(budgetBytes: number, onExceeded: () => void): () => void {
  const entry: Watched = { budgetBytes, rssAtStart: process.memoryUsage.rss(), onExceeded };
  watched.add(entry);
  sampler ??= setInterval(sample, SAMPLE_MS).unref();
  return () => {
    watched.delete(entry);
    if (watched.size === 0) {
      clearInterval(sampler);
      sampler = undefined;
    }
  };
}

function sample(): void {
  let baseline = Number.POSITIVE_INFINITY;
  let budget = 0;
  for (const entry of watched) {
    baseline = Math.min(baseline, entry.rssAtStart);
    budget += entry.budgetBytes;
  }
  if (process.memoryUsage.rss() - baseline <= budget) return;
  for (const entry of [...watched]) entry.onExceeded();
}
