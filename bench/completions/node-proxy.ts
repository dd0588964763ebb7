// Reference for bench/completions: the least a Node proxy can do for a streamed completion. Plain
// node:http on both sides, the same per-tick batching, backpressure and header timing as webui-nest,
// and nothing else (no auth, routing, validation or model lookup). Measured in the same run, it
// shows what this machine charges any Node server for the hop, apart from what webui-nest adds.
import { Agent, createServer, request } from 'node:http';
import { flushHeadersThisTurn, TickBatchWriter } from '../../src/completions/tick-batch-writer.js';

const upstream = new URL(`${process.env.UPSTREAM_URL}/chat/completions`);
const agent = new Agent({ keepAlive: true });

const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":true}');
    return;
  }
  const body: Buffer[] = [];
  req.on('data', (chunk: Buffer) => body.push(chunk));
  req.on('end', () => {
    const payload = Buffer.concat(body);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(payload.length),
      authorization: `Bearer ${process.env.UPSTREAM_KEY}`,
    };
    const outgoing = request(upstream, { method: 'POST', headers, agent }, (source) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
      flushHeadersThisTurn(res);
      const out = new TickBatchWriter(res, () => source.pause());
      res.on('drain', () => source.resume());
      source.on('data', (chunk: Buffer) => out.write(chunk));
      source.on('end', () => {
        out.flush();
        res.end();
      });
    });
    outgoing.on('error', () => res.destroy());
    outgoing.end(payload);
  });
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
