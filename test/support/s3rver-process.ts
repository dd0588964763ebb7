// The child process of s3-server.ts: s3rver with one bucket on a free loopback port, which it prints
// to stdout as JSON. It exits when its stdin closes, so it never outlives the test that started it.
import { readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LOOPBACK } from './processes.js';

/** The slice of s3rver (CommonJS, untyped) used here. */
interface S3rverApp {
  store: { deleteObject(bucket: string, key: string): Promise<void> };
  configureBuckets(): Promise<unknown>;
  getMiddleware(): (req: IncomingMessage, res: ServerResponse) => void;
}
type S3rverClass = new (options: {
  directory: string;
  silent: boolean;
  allowMismatchedSignatures: boolean;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverApp;
const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) throw new Error('usage: s3rver-process.js DIRECTORY BUCKET');

// Signatures are not checked (the access key still is): s3rver signs bucket requests over `/bucket`
// while the SDK signs the `/bucket/` it sends.
const s3rver = new S3rver({
  directory,
  silent: true,
  allowMismatchedSignatures: true,
  configureBuckets: [{ name: bucket, configs: [] }],
});
await s3rver.configureBuckets();
serializeDeletes(s3rver.store);
const s3rverHandler = s3rver.getMiddleware();
const uploadsDir = (bucketName: string) => join(directory, bucketName, '._S3rver_uploads');

// s3rver has no AbortMultipartUpload or ListMultipartUploads; these answer from its uploads directory.
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://s3');
  const [, bucketName = '', ...keyParts] = url.pathname.split('/');
  const key = keyParts.join('/');
  const uploadId = url.searchParams.get('uploadId');
  let answer: Promise<void> | undefined;
  if (req.method === 'DELETE' && key && uploadId && /^[0-9a-f]+$/.test(uploadId)) {
    answer = abortUpload(join(uploadsDir(bucketName), uploadId), res);
  } else if (req.method === 'GET' && !key && url.searchParams.has('uploads')) {
    answer = listUploads(bucketName, uploadsDir(bucketName), res);
  }
  if (!answer) return s3rverHandler(req, res);
  answer.catch((error: unknown) => res.writeHead(500).end(String(error)));
});
server.listen(0, LOOPBACK, () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));

/**
 * s3rver deletes a DeleteObjects batch in parallel, and each delete removes its directory once empty:
 * the deletes that empty one directory race (ENOENT, answered 500). One delete at a time avoids that.
 */
function serializeDeletes(store: S3rverApp['store']): void {
  const deleteObject = store.deleteObject.bind(store);
  let previous = Promise.resolve();
  store.deleteObject = (bucketName, key) => {
    const deleting = previous.then(() => deleteObject(bucketName, key));
    previous = deleting.catch(() => undefined);
    return deleting;
  };
}

async function abortUpload(uploadDir: string, res: ServerResponse): Promise<void> {
  if (!(await readdir(uploadDir).catch(() => null))) {
    res.writeHead(404, { 'content-type': 'application/xml' });
    res.end(xmlDocument('<Error><Code>NoSuchUpload</Code><Message>No such upload</Message></Error>'));
    return;
  }
  await rm(uploadDir, { recursive: true, force: true });
  res.writeHead(204).end();
}

async function listUploads(bucketName: string, dir: string, res: ServerResponse): Promise<void> {
  const uploadIds = await readdir(dir).catch(() => []);
  const uploads = await Promise.all(
    uploadIds.map(async (id) => {
      const key = await readFile(join(dir, id, 'key'), 'utf8');
      return `<Upload><Key>${escapeXml(key)}</Key><UploadId>${id}</UploadId></Upload>`;
    }),
  );
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end(
    xmlDocument(
      '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        `<Bucket>${escapeXml(bucketName)}</Bucket><IsTruncated>false</IsTruncated>${uploads.join('')}` +
        '</ListMultipartUploadsResult>',
    ),
  );
}

function xmlDocument(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
