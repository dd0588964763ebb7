import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderNginxConf, SHIPPED_NGINX_CONF } from '../../scripts/nginx-local.js';
import { HttpClient } from './http.js';
import { freePort, LOOPBACK } from './processes.js';
import { requireProgram } from './services.js';

const NGINX = '/usr/sbin/nginx';

export interface Proxy {
  url: string;
  http: HttpClient;
  close(): Promise<void>;
}

/** Debian's nginx running the shipped docker/nginx.conf in front of instances on `upstreamPorts`. */
export async function startNginx(upstreamPorts: number[]): Promise<Proxy> {
  requireProgram('nginx', NGINX);
  const workDir = mkdtempSync(join(tmpdir(), 'webui-nest-nginx-'));
  const listenPort = await freePort();
  const confPath = join(workDir, 'nginx.conf');
  writeFileSync(
    confPath,
    renderNginxConf(readFileSync(SHIPPED_NGINX_CONF, 'utf8'), { listenPort, upstreamPorts, workDir }),
  );
  const child = spawn(NGINX, ['-e', 'stderr', '-p', workDir, '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://${LOOPBACK}:${listenPort}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      await Promise.race([exited, sleep(3000).then(() => child.kill('SIGKILL'))]);
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, http: new HttpClient(url), close };
    await sleep(100);
  }
  await close();
  throw new Error(`nginx did not come up on ${url}\n${stderr}`);
}
