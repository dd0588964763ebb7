// CPU time of the bench process and of the server child, so the report can say which side was
// saturated: the mock and the measuring client share this process, and the machine has few CPUs.
import { readFileSync } from 'node:fs';

/** Linux USER_HZ; 100 on every mainstream kernel config, and node has no API to ask. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * utime + stime of `pid` in ms, or null where /proc is missing (not Linux) or the process is gone.
 * `mainThread`: of its main thread only (the one running node's event loop), not all its threads.
 */
export function processCpuMs(pid: number | undefined, { mainThread = false } = {}): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses; fields are counted after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after the name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/** This process's user + system CPU in ms (µs resolution). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Busy CPU ms of the whole machine, all cores summed (everything but idle and iowait), or null. */
export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...; guest time is already inside user.
    const busy = fields.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
    return Number.isFinite(busy) ? (busy * 1000) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

export interface CpuTimes {
  serverMs: number | null;
  benchMs: number;
  /**
   * Everything else the machine did meanwhile (other processes, plus kernel work not charged to
   * ours): the noise the alternating rounds share but cannot remove. Null when unknown.
   */
  otherMs: number | null;
}

export interface CpuSpan {
  /** CPU ms spent since the span started. */
  stop(): CpuTimes;
}

export function startCpuSpan(serverPid: number | undefined): CpuSpan {
  const server = processCpuMs(serverPid);
  const bench = ownCpuMs();
  const machine = machineBusyMs();
  return {
    stop: () => {
      const serverNow = processCpuMs(serverPid);
      const machineNow = machineBusyMs();
      const serverMs = server === null || serverNow === null ? null : serverNow - server;
      const benchMs = ownCpuMs() - bench;
      const machineMs = machine === null || machineNow === null ? null : machineNow - machine;
      // Clamped: tick rounding can make the remainder slightly negative on an idle machine.
      const otherMs = machineMs === null ? null : Math.max(0, machineMs - benchMs - (serverMs ?? 0));
      return { serverMs, benchMs, otherMs };
    },
  };
}
