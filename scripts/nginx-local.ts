/**
 * The shipped `docker/nginx.conf`, rendered to run on this machine in front of local instances: what the
 * multi-instance suite puts under test, so the proxy rules tested are the ones deployed. Only the three
 * Docker-specific lines change (the resolver, `server app:8080 resolve`, `listen 80`); everything else is the
 * file as shipped, wrapped in the main and `http` blocks that Docker's nginx image supplies around a conf.d file.
 *
 *   node dist/scripts/nginx-local.js <listen port> <upstream port>... > nginx.conf
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHIPPED_NGINX_CONF = resolve(dirname(fileURLToPath(import.meta.url)), '../../docker/nginx.conf');

export interface LocalNginx {
  /** Loopback port nginx listens on. */
  listenPort: number;
  /** Loopback ports of the instances behind it. */
  upstreamPorts: number[];
  /** A writable folder for nginx's pid file and temporary files. */
  workDir: string;
}

/** Replaces exactly one match of `pattern`, failing loudly when the shipped file no longer has it. */
function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  const matches = text.match(new RegExp(pattern.source, 'gm'));
  if (matches?.length !== 1) {
    throw new Error(`docker/nginx.conf: expected one line matching ${pattern}, found ${matches?.length ?? 0}`);
  }
  return text.replace(new RegExp(pattern.source, 'm'), replacement);
}

export function renderNginxConf(shipped: string, { listenPort, upstreamPorts, workDir }: LocalNginx): string {
  let site = replaceOnce(shipped, /^resolver .*;$/, '# (resolver: Docker DNS only)');
  // `resolve` re-reads Docker's DNS (nginx >= 1.27.3); locally the replicas have fixed ports.
  site = replaceOnce(
    site,
    /^\s*server app:8080 resolve;$/,
    upstreamPorts.map((port) => `  server 127.0.0.1:${port};`).join('\n'),
  );
  site = replaceOnce(site, /^\s*listen 80;$/, `  listen 127.0.0.1:${listenPort};`);
  const temp = (name: string) => join(workDir, name);
  return [
    'daemon off;',
    // One process running as the caller: no worker user switch, no permissions to arrange on the work folder.
    'master_process off;',
    `pid ${temp('nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${temp('client_body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    site,
    '}',
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [listenPort, ...upstreamPorts] = process.argv.slice(2).map(Number);
  if (!listenPort || upstreamPorts.length === 0 || upstreamPorts.some((port) => !port)) {
    console.error('usage: node dist/scripts/nginx-local.js <listen port> <upstream port>...');
    process.exit(2);
  }
  const workDir = process.env.NGINX_WORK_DIR ?? process.cwd();
  process.stdout.write(
    renderNginxConf(readFileSync(SHIPPED_NGINX_CONF, 'utf8'), { listenPort, upstreamPorts, workDir }),
  );
}
