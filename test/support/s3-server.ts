import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { StorageConfig } from '../../src/config/app-config.js';
import { LOOPBACK } from './processes.js';

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** s3rver's built-in account, the only one it accepts. */
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/**
 * An S3-compatible server for tests: s3rver (the maintained @20minutes fork: the original's last
 * release, from 2021, pulls in dicer and fast-xml-parser 3, both with advisories) in a child
 * process, storing under a temp directory, with one bucket. A child because s3rver's continuation
 * tokens use DES, which Node 20's OpenSSL 3 only has with --openssl-legacy-provider; it also keeps
 * the server's memory out of the test's measurements.
 */
export async function startS3Server(bucket = 'webui-nest-test'): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'webui-nest-s3-'));
  const entry = fileURLToPath(new URL('./s3rver-process.js', import.meta.url));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', entry, directory, bucket], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise<string | undefined>((resolve) => {
    lines.once('line', resolve);
    void exited.then(() => resolve(undefined));
  });
  lines.close();
  if (!line) throw new Error('the S3 test server exited before listening');
  const { port } = JSON.parse(line) as { port: number };
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    stop: async () => {
      child.stdin.end();
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A StorageConfig for this server (path-style, its built-in account). */
export function s3StorageConfig(server: TestS3Server, uploadDir: string, keyPrefix = ''): StorageConfig {
  return {
    provider: 's3',
    uploadDir,
    s3: {
      bucket: server.bucket,
      endpointUrl: server.endpoint,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      keyPrefix,
      addressingStyle: 'auto',
      useAccelerateEndpoint: false,
    },
  };
}

/** The app environment (Open WebUI's variables) that stores uploads on this server. */
export function s3Env(server: TestS3Server, keyPrefix = 'uploads'): Record<string, string> {
  return {
    STORAGE_PROVIDER: 's3',
    S3_BUCKET_NAME: server.bucket,
    S3_ENDPOINT_URL: server.endpoint,
    S3_ACCESS_KEY_ID: server.accessKeyId,
    S3_SECRET_ACCESS_KEY: server.secretAccessKey,
    S3_KEY_PREFIX: keyPrefix,
  };
}
