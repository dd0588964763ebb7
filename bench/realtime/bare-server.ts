// Baseline for bench/realtime: a bare Socket.IO server with the same path, transport and room per
// socket, and nothing else, so webui-nest's memory per connection has a same-run comparison.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end('{"status":true}');
});
const io = new Server(http, { path: '/ws/socket.io', transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  const token = (socket.handshake.auth as { token?: unknown }).token;
  void socket.join(`user:${typeof token === 'string' ? token.slice(-12) : 'anonymous'}`);
});
http.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  void io.close();
  http.close(() => process.exit(0));
});
