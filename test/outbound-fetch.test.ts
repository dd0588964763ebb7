import assert from 'node:assert/strict';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fetchPublicUrl, type FetchPublicUrlOptions } from '../src/common/outbound/fetch-public-url.js';
import { type OutboundFailure, OutboundRequestError } from '../src/common/outbound/outbound-error.js';
import type { HostResolver } from '../src/common/outbound/resolve-host.js';

interface SeenRequest {
  method: string;
  path: string;
  host: string | undefined;
  /** The address the client connected to. */
  localAddress: string | undefined;
  headers: http.IncomingHttpHeaders;
}

/** A site on loopback: one port on each of its addresses, recording every request it gets. */
interface Site {
  port: number;
  seen: SeenRequest[];
  close(): void;
}

const PAGE = '<html><body>hello</body></html>';
/** How the last '/endless' response ended. */
let endlessOutcome: 'cut off' | 'finished' | undefined;

/** The pages every site serves; a redirect's target comes in `?to=`. */
function serve(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url!, 'http://site');
  const hops = /^\/hops\/(\d+)$/.exec(url.pathname);
  if (url.pathname === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  else if (url.pathname === '/redirect') {
    res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to')! }).end();
  } else if (hops) {
    const left = Number(hops[1]);
    if (left === 0) res.end('arrived');
    else res.writeHead(302, { location: `/hops/${left - 1}` }).end();
  } else if (url.pathname === '/echo') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString() })),
    );
  } else if (url.pathname === '/endless') streamEndlessly(res);
  else if (url.pathname === '/declared-large') res.writeHead(200, { 'content-length': 50_000_000 }).write('x');
  else if (url.pathname === '/gzip') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('unzipped hello'));
  else if (url.pathname === '/gzip-bomb') {
    res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(20_000_000)));
  } else if (url.pathname === '/stalls') res.writeHead(200).write('a beginning');
  // '/silent' never answers.
}

/** Writes 64 KiB chunks until the client goes away (or 50 MB, to stay bounded). */
function streamEndlessly(res: ServerResponse): void {
  const chunk = Buffer.alloc(65_536, 'a');
  let sent = 0;
  const pump = () => {
    let writable = true;
    for (; writable && sent < 50_000_000; sent += chunk.length) writable = res.write(chunk);
    if (sent >= 50_000_000) res.end();
  };
  res.on('close', () => (endlessOutcome = res.writableFinished ? 'finished' : 'cut off'));
  res.on('drain', pump);
  pump();
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

/** One server per address, all on one port (the first address picks it). */
async function startSite(addresses: string[], port = 0): Promise<Site> {
  const seen: SeenRequest[] = [];
  const servers = addresses.map(() =>
    http.createServer((req, res) => {
      const { method = '', url = '', headers } = req;
      seen.push({ method, path: url, host: headers.host, localAddress: req.socket.localAddress, headers });
      serve(req, res);
    }),
  );
  const close = () => servers.forEach((server) => server.listening && server.close().closeAllConnections());
  try {
    for (const [index, server] of servers.entries()) port = await listen(server, addresses[index], port);
  } catch (error) {
    close();
    throw error;
  }
  return { port, seen, close };
}

/** A public site and an internal one on the same port, so that only the address tells them apart. */
async function startTwinSites(): Promise<{ site: Site; internal: Site }> {
  for (let attempt = 1; ; attempt++) {
    const site = await startSite(['127.0.0.2']);
    try {
      return { site, internal: await startSite(['127.0.0.1', '::1'], site.port) };
    } catch (error) {
      site.close();
      if (attempt === 5) throw error; // the port was taken on 127.0.0.1 five times running
    }
  }
}

/** A self-signed certificate for public.example (no client trusts it). */
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg+oA2bglxkQmVfuyL
QP5ht+YGckaI3iIsr9+Q8A7VdzahRANCAAQIFiVOcAtL2ihlwkO7QbzgU4FQ2ce+
E+Qs3Pdg2GQpX/j0pf1Jqlb2YwmlW8n3i6opt+aEXvY4RzcaNfsUKeix
-----END PRIVATE KEY-----`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBozCCAUqgAwIBAgIULCVH/SZ5vzBiMvMOyKk2WsVL+JwwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOcHVibGljLmV4YW1wbGUwIBcNMjYxMjAzMTcyODMwWhgPMjEy
NjExMDkxNzI4MzBaMBkxFzAVBgNVBAMMDnB1YmxpYy5leGFtcGxlMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAECBYlTnALS9ooZcJDu0G84FOBUNnHvhPkLNz3YNhk
KV/49KX9SapW9mMJpVvJ94uqKbfmhF72OEc3GjX7FCnosaNuMGwwHQYDVR0OBBYE
FJp/rNBUSGvz6JTS8+iRq2T9xczJMB8GA1UdIwQYMBaAFJp/rNBUSGvz6JTS8+iR
q2T9xczJMA8GA1UdEwEB/wQFMAMBAf8wGQYDVR0RBBIwEIIOcHVibGljLmV4YW1w
bGUwCgYIKoZIzj0EAwIDRwAwRAIgB8hP3WlqSmIZTBubSiESZnnwqLYFMzWI7hrT
vzhk/YwCIH0USB9KXndSnuPibbYjSYDlSrqdifnGJyvNwWjH5vER
-----END CERTIFICATE-----`;

const LIMITS = { maxBytes: 1_000_000, timeoutMs: 5_000 };
/** The test's "internet": 127.0.0.2 and 127.0.0.3 stand in for public addresses. */
const AS_PUBLIC: FetchPublicUrlOptions = { ...LIMITS, trustedAddresses: ['127.0.0.2', '127.0.0.3'] };

async function assertFails(work: Promise<unknown>, reason: OutboundFailure, detail?: string): Promise<void> {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof OutboundRequestError, `expected an OutboundRequestError, got ${String(error)}`);
    assert.equal(error.reason, reason);
    assert.equal(error.kind, 'bad_request');
    if (detail) assert.equal(error.detail, detail);
    return true;
  });
}

/** A resolver that gives each answer in turn, the last one from then on. */
const resolvingTo =
  (...answers: string[][]): HostResolver =>
  () => {
    const addresses = answers.length > 1 ? answers.shift()! : answers[0];
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };

describe('fetchPublicUrl', () => {
  let site: Site; // "public": 127.0.0.2
  let otherSite: Site; // another "public" origin: 127.0.0.3
  let internal: Site; // loopback, on the public site's port: 127.0.0.1 and ::1

  before(async () => {
    ({ site, internal } = await startTwinSites());
    otherSite = await startSite(['127.0.0.3']);
  });
  after(() => [site, internal, otherSite].forEach((each) => each.close()));

  const at = (path: string, host = '127.0.0.2') => `http://${host}:${site.port}${path}`;

  it('fetches a page from a public address', async () => {
    const page = await fetchPublicUrl(at('/page'), { ...AS_PUBLIC, accept: 'text/html' });
    assert.deepEqual([page.status, page.contentType, page.body.toString()], [200, 'text/html', PAGE]);
    assert.equal(page.url, at('/page'));
    assert.equal(site.seen.at(-1)?.headers.accept, 'text/html');
  });

  const forbidden = [
    ...['127.0.0.1', 'localhost', '2130706433', '0x7f000001', '0177.0.0.1', '127.1', '0.0.0.0'],
    ...['[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::127.0.0.1]', '[64:ff9b::127.0.0.1]', '[::]'],
    ...['169.254.169.254', '10.0.0.1', '172.16.5.4', '192.168.1.1', '100.64.0.1', '100.100.100.200'],
    ...['[fd00::1]', '[fd00:ec2::254]', '[fe80::1]', '[ff02::1]', '224.0.0.1', '255.255.255.255'],
  ];
  for (const host of forbidden) {
    it(`refuses ${host} before connecting`, async () => {
      const before = internal.seen.length;
      const url = at('/latest/meta-data/', host);
      await assertFails(
        fetchPublicUrl(url, AS_PUBLIC),
        'forbidden_address',
        'URL resolves to a private or internal address.',
      );
      assert.equal(internal.seen.length, before);
    });
  }

  it('refuses a host name that resolves to a private address', async () => {
    const lookup = resolvingTo(['127.0.0.1']);
    const before = internal.seen.length;
    await assertFails(fetchPublicUrl(at('/page', 'intranet.example'), { ...AS_PUBLIC, lookup }), 'forbidden_address');
    assert.equal(internal.seen.length, before);
  });

  it('refuses a host name with one public and one private address', async () => {
    const lookup = resolvingTo(['127.0.0.2', '127.0.0.1']);
    const before = [site.seen.length, internal.seen.length];
    await assertFails(fetchPublicUrl(at('/page', 'mixed.example'), { ...AS_PUBLIC, lookup }), 'forbidden_address');
    assert.deepEqual([site.seen.length, internal.seen.length], before);
  });

  it('connects to the vetted address even when DNS answers differently later (rebinding)', async () => {
    const internalBefore = internal.seen.length;
    let lookups = 0;
    const rebinding = resolvingTo(['127.0.0.2'], ['127.0.0.1']);
    const lookup: HostResolver = (hostname) => {
      lookups += 1;
      return rebinding(hostname);
    };
    const page = await fetchPublicUrl(at('/page', 'rebind.example'), { ...AS_PUBLIC, lookup });
    assert.equal(page.body.toString(), PAGE);
    const request = site.seen.at(-1)!;
    assert.deepEqual([request.localAddress, request.host], ['127.0.0.2', `rebind.example:${site.port}`]);
    assert.deepEqual([lookups, internal.seen.length], [1, internalBefore]);
  });

  it('refuses a redirect to a loopback address without following it', async () => {
    const url = at(`/redirect?to=${encodeURIComponent(`http://127.0.0.1:${site.port}/page`)}`);
    const before = internal.seen.length;
    await assertFails(fetchPublicUrl(url, AS_PUBLIC), 'forbidden_address');
    assert.equal(site.seen.at(-1)?.path.startsWith('/redirect'), true);
    assert.equal(internal.seen.length, before);
  });

  it('follows up to maxRedirects redirects, and refuses more', async () => {
    const page = await fetchPublicUrl(at('/hops/5'), AS_PUBLIC);
    assert.deepEqual([page.body.toString(), page.url], ['arrived', at('/hops/0')]);
    await assertFails(fetchPublicUrl(at('/hops/6'), AS_PUBLIC), 'too_many_redirects');
    await assertFails(fetchPublicUrl(at('/hops/2'), { ...AS_PUBLIC, maxRedirects: 1 }), 'too_many_redirects');
  });

  it('refuses other schemes, also as a redirect target, and credentials in URLs', async () => {
    for (const url of ['ftp://127.0.0.2/file', 'file:///etc/passwd', 'data:text/plain,hi', 'not a url']) {
      await assertFails(fetchPublicUrl(url, { ...AS_PUBLIC, allowPrivate: true }), 'invalid_url');
    }
    await assertFails(fetchPublicUrl(at('/redirect?to=file:///etc/passwd'), AS_PUBLIC), 'invalid_url');
    const before = site.seen.length;
    await assertFails(fetchPublicUrl(at('/page', 'user:secret@127.0.0.2'), AS_PUBLIC), 'invalid_url');
    assert.equal(site.seen.length, before);
  });

  it('drops credentials when a redirect changes origin, and turns a 303 into a GET', async () => {
    const options = { ...AS_PUBLIC, method: 'POST', body: 'payload', headers: { Authorization: 'Bearer t' } };
    const elsewhere = encodeURIComponent(`http://127.0.0.3:${otherSite.port}/echo`);
    const moved = JSON.parse(
      (await fetchPublicUrl(at(`/redirect?status=307&to=${elsewhere}`), options)).body.toString(),
    );
    assert.deepEqual([moved.method, moved.body, moved.headers.authorization], ['POST', 'payload', undefined]);
    const same = JSON.parse((await fetchPublicUrl(at('/redirect?status=307&to=/echo'), options)).body.toString());
    assert.deepEqual([same.method, same.body, same.headers.authorization], ['POST', 'payload', 'Bearer t']);
    const seeOther = JSON.parse((await fetchPublicUrl(at('/redirect?status=303&to=/echo'), options)).body.toString());
    assert.deepEqual([seeOther.method, seeOther.body], ['GET', '']);
  });

  it('aborts a body larger than maxBytes while reading it', async () => {
    endlessOutcome = undefined;
    await assertFails(fetchPublicUrl(at('/endless'), { ...AS_PUBLIC, maxBytes: 300_000 }), 'too_large');
    while (endlessOutcome === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(endlessOutcome, 'cut off');
    await assertFails(fetchPublicUrl(at('/declared-large'), AS_PUBLIC), 'too_large');
  });

  it('decodes gzip bodies, counting the decoded bytes against maxBytes', async () => {
    assert.equal((await fetchPublicUrl(at('/gzip'), AS_PUBLIC)).body.toString(), 'unzipped hello');
    await assertFails(fetchPublicUrl(at('/gzip-bomb'), AS_PUBLIC), 'too_large');
  });

  it('gives up on a server slower than timeoutMs', async () => {
    for (const path of ['/silent', '/stalls']) {
      const started = Date.now();
      await assertFails(fetchPublicUrl(at(path), { ...AS_PUBLIC, timeoutMs: 200 }), 'timeout');
      assert.ok(Date.now() - started < 2_000);
    }
    const slowDns: HostResolver = () => new Promise(() => {});
    await assertFails(
      fetchPublicUrl(at('/page', 'slow.example'), { ...LIMITS, timeoutMs: 200, lookup: slowDns }),
      'timeout',
    );
  });

  it('sends the host name as TLS SNI while connecting to the vetted address, and checks the certificate', async () => {
    const serverNames: string[] = [];
    const tlsSite = https.createServer({
      key: TLS_KEY,
      cert: TLS_CERT,
      SNICallback: (name, done) => {
        serverNames.push(name);
        done(null); // the default context: the self-signed certificate
      },
    });
    const port = await listen(tlsSite, '127.0.0.2', 0);
    const lookup = resolvingTo(['127.0.0.2']);
    try {
      await assertFails(fetchPublicUrl(`https://public.example:${port}/`, { ...AS_PUBLIC, lookup }), 'unreachable');
      assert.deepEqual(serverNames, ['public.example']);
    } finally {
      tlsSite.close();
    }
  });

  it('reaches loopback when allowPrivate is set', async () => {
    const before = internal.seen.length;
    const page = await fetchPublicUrl(`http://localhost:${site.port}/page`, { ...LIMITS, allowPrivate: true });
    assert.equal(page.body.toString(), PAGE);
    assert.equal(internal.seen.length, before + 1);
  });

  it('fails cleanly for unresolvable hosts and closed ports', async () => {
    const nowhere: HostResolver = () => Promise.reject(new Error('ENOTFOUND'));
    await assertFails(fetchPublicUrl('http://nowhere.example/', { ...LIMITS, lookup: nowhere }), 'unresolvable');
    // Nothing listens on port 1.
    await assertFails(fetchPublicUrl('http://127.0.0.2:1/', AS_PUBLIC), 'unreachable');
  });
});
