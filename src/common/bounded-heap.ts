import { applyV8FlagSettings, type V8FlagSetting } from './v8-flag-settings.js';

/**
 * V8 settings while a large file is processed, undone when the last such file is done (V8 reads these
 * flags at each decision, as startup-heap.ts relies on too). A flag the operator set on the command
 * line is left alone (applyV8FlagSettings). Measured on a 50 MB text file (SQLite, 62,626 chunks): RSS growth +158 MB with
 * V8's defaults, +76 MB with these, for ~20% more CPU (more, smaller collections).
 *
 * - Young generation: the file's pieces, embedding answers and rows allocate steadily, V8 grows the
 *   young generation to its maximum (2 × 16 MB), and the buffers those objects hold outside the heap
 *   (sockets, answers, statements) pile up just as much between collections. It stays as it is.
 * - Old generation: whatever was in flight at a young collection moves there; by default V8 lets it
 *   grow to about twice what is live before collecting it. 50% bounds that garbage. Alone (a small
 *   young generation promotes more) either setting makes things worse.
 */
const BOUNDED: ReadonlyArray<V8FlagSetting> = [
  {
    flag: '--semi-space-growth-factor',
    during: '--semi-space-growth-factor=1',
    after: '--semi-space-growth-factor=2',
  },
  { flag: '--heap-growing-percent', during: '--heap-growing-percent=50', after: '--heap-growing-percent=0' },
];

let holders = 0;
let restore: (() => void) | undefined;

/** Runs `work` with the heap bounded as above; overlapping calls share one bounded period. */
export async function withBoundedHeap<T>(work: () => Promise<T>): Promise<T> {
  if (holders++ === 0) restore = applyV8FlagSettings(BOUNDED);
  try {
    return await work();
  } finally {
    if (--holders === 0) restore?.();
  }
}
