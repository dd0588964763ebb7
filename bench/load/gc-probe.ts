// The server's memory after a full garbage collection, read over the inspector protocol (the server runs with
// `--inspect` on a loopback port) so the product needs no GC endpoint: RSS from /proc, heap from the process.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

export interface MemoryReading {
  rssMb: number;
  heapUsedMb: number;
}

/** Sends one inspector command and resolves with its result. */
function command(socket: WebSocket, id: number, method: string, params: object = {}): Promise<any> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown; error?: unknown };
      if (message.id !== id) return;
      socket.off('message', onMessage);
      if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
      else resolve(message.result);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id, method, params }));
  });
}

const rssMbOf = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(line[1]) / 1024;
};

/** Collects garbage twice in the server at `inspectPort` (pid `pid`) and reads its memory. */
export async function memoryAfterFullGc(inspectPort: number, pid: number): Promise<MemoryReading> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
  try {
    await command(socket, 1, 'HeapProfiler.collectGarbage');
    await command(socket, 2, 'HeapProfiler.collectGarbage');
    const { result } = (await command(socket, 3, 'Runtime.evaluate', {
      expression: 'process.memoryUsage().heapUsed',
      returnByValue: true,
    })) as { result: { value: number } };
    return { rssMb: rssMbOf(pid), heapUsedMb: result.value / 1024 / 1024 };
  } finally {
    socket.close();
  }
}
