// Waits for the server to go quiet after seeding (WAL checkpoints, GC of the big import heaps), so the
// first measured scenario does not pay for the seed. Reads CPU time from /proc: Linux only.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** utime + stime of a process, in clock ticks; null when /proc is unavailable (not Linux, or it exited). */
export function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may contain spaces); utime/stime are 14/15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Resolves once the process used under `maxShare` of one CPU over a `windowMs` window, or after
 * `timeoutMs` regardless. Returns the seconds waited. Without /proc it just pauses one window.
 */
export async function waitForIdle(pid: number, windowMs = 1000, maxShare = 0.05, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every mainstream Linux build
  let before = cpuTicks(pid);
  while (Date.now() - started < timeoutMs) {
    await sleep(windowMs);
    const after = cpuTicks(pid);
    if (before === null || after === null) break;
    const share = (after - before) / TICKS_PER_SECOND / (windowMs / 1000);
    if (share < maxShare) break;
    before = after;
  }
  return (Date.now() - started) / 1000;
}
