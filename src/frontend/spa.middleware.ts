import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API owns: never answered with the web app, even when no route matches. */
const API_PREFIXES = [
  '/api',
  '/ws',
  '/openai',
  '/ollama',
  '/docs',
  '/openapi.json',
  '/health',
  '/static',
  '/manifest.json',
  '/oauth',
];

/** SvelteKit puts content-hashed files here: safe to cache for a year. */
const IMMUTABLE_DIR = `${sep}_app${sep}immutable${sep}`;

/**
 * Serves a built Open WebUI web app: files from the build, and `index.html` for every other
 * non-API GET (client-side routes such as `/c/<id>`). Hashed assets are cached for a year;
 * `index.html` is never cached, so a deploy reaches users on their next load. Runs before Nest's
 * router, so it must leave every API path alone.
 */
export function spaMiddleware(buildDir: string) {
  const index = join(buildDir, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    const file = resolveInside(buildDir, req.path);
    if (file && file !== index) {
      res.setHeader(
        'Cache-Control',
        file.includes(IMMUTABLE_DIR) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      );
      return res.sendFile(file, { dotfiles: 'deny' });
    }
    // A missing file with an extension is a 404, not the app: a stale script URL must not get HTML.
    if (!file && extname(req.path) !== '' && extname(req.path) !== '.html') return next();
    res.setHeader('Cache-Control', 'no-cache, no-store, must-revalidate');
    return res.sendFile(index);
  };
}

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The build file a URL path names, or undefined (missing, a directory, or outside the build). */
function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}
