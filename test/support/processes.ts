// Child-process plumbing for multi-process tests and benchmarks: free ports, spawning servers, readiness, cleanup.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOOPBACK = '127.0.0.1';

/** Asks the kernel for an unused loopback port (tiny race until the child binds it; fine for a bench). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

export interface ServerProcess {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  /** Last lines of stderr, shown when the server fails to start or dies. */
  stderrTail(): string;
}

// Every child we start, so cleanup works on any exit path (error, Ctrl-C, normal end).
const running = new Set<ChildProcess>();

/**
 * `prefix` runs the server through a wrapper command (e.g. `taskset -c 1`); `nodeArgs` go to node
 * itself (e.g. `--cpu-prof`, which NODE_OPTIONS does not take).
 */
export function startServer(
  name: string,
  entry: string,
  port: number,
  env: NodeJS.ProcessEnv,
  prefix: string[] = [],
  nodeArgs: string[] = [],
): ServerProcess {
  const [command, ...args] = [...prefix, process.execPath, ...nodeArgs, entry];
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-4000);
  });
  return { name, baseUrl: `http://${LOOPBACK}:${port}`, child, stderrTail: () => tail };
}

/** Polls GET /health until it answers 200, the child exits, or the timeout passes. */
export async function waitForHealth(server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`${server.name} exited during startup (code ${server.child.exitCode})\n${server.stderrTail()}`);
    }
    try {
      const res = await fetch(`${server.baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${server.name} did not become healthy within ${timeoutMs} ms\n${server.stderrTail()}`);
}

/** SIGTERM, then SIGKILL if the child has not exited after a grace period. */
export async function stopServer(server: ServerProcess, graceMs = 5000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Last resort for abnormal exits: synchronous, so it also works inside process.on('exit'). */
export function killAllNow(): void {
  for (const child of running) child.kill('SIGKILL');
}
