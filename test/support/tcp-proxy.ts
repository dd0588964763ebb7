import { createServer, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every connection and refuses new ones until `restore`, as a server that went away. */
  cut(): void;
  restore(): void;
  /**
   * Stops relaying on every open connection without closing it, as a load balancer or NAT that
   * silently forgot an idle flow: neither side learns of it. New connections still work.
   */
  freeze(): void;
  close(): Promise<void>;
}

/** A loopback TCP relay to `host:port`, so a test can take a real server away from one app only. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs: [Socket, Socket][] = [];
  let down = false;
  const server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = connect(port, host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      down = true;
      cutAll();
    },
    restore: () => {
      down = false;
    },
    freeze: () => {
      for (const [client, upstream] of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        // Keep reading and drop what arrives: the bytes vanish, the connections stay open.
        client.resume();
        upstream.resume();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}
