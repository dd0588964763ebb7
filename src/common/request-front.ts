import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts `front` before the server's request listeners (the Express app, Engine.IO): it sees each
 * request first and calls `pass` to hand it on to them, at once, later, or not at all.
 */
export function putInFrontOfRequests(
  server: Server,
  front: (req: IncomingMessage, res: ServerResponse, pass: () => void) => void,
): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    front(req, res, () => {
      for (const listener of listeners) listener.call(server, req, res);
    }),
  );
}
