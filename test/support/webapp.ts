import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { requireProgram } from './services.js';

/** Debian's chromium (CI installs it); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SPA_VERSION = '0.6.40';
// dist/test/support -> the repository root -> ../shared/spa beside it.
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TARBALL =
  process.env.SPA_TARBALL ?? join(REPO_ROOT, '..', 'shared', 'spa', `open-webui-${SPA_VERSION}-build.tar.gz`);

/**
 * The real Open WebUI web app, unpacked once per machine into the temp folder (FRONTEND_BUILD_DIR).
 * Unpacked beside its final place and renamed, so parallel test files never see half a folder.
 */
export function webAppDir(): string {
  const dir = join(tmpdir(), `webui-nest-spa-${SPA_VERSION}`);
  if (existsSync(join(dir, 'index.html'))) return dir;
  if (!existsSync(TARBALL)) throw new Error(`The web app build is missing: ${TARBALL} (set SPA_TARBALL)`);
  const staging = `${dir}.${process.pid}`;
  mkdirSync(staging, { recursive: true });
  execFileSync('tar', ['-xzf', TARBALL, '-C', staging]);
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process won the race
  }
  return dir;
}

export function launchBrowser(): Promise<Browser> {
  requireProgram('chromium', CHROMIUM);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** What went wrong on a page as a user would notice: failed requests, script errors, error toasts. */
export interface PageProblems {
  responses: string[];
  errors: string[];
}

/**
 * A page of the web app signed in with `token` (as the web app keeps it, in localStorage), recording
 * failed requests and page errors.
 */
export async function openSignedIn(browser: Browser, baseUrl: string, token: string) {
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: PageProblems = { responses: [], errors: [] };
  page.on('response', (response) => {
    if (response.status() >= 400) problems.responses.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  // Runs in the page (no DOM types here): the token is JSON-encoded into the script.
  await page.addInitScript({ content: `localStorage.setItem('token', ${JSON.stringify(token)});` });
  await page.addInitScript({ content: TOAST_RECORDER });
  await page.goto(baseUrl);
  return { page, problems };
}

/**
 * Keeps every toast element the page ever shows, so one that came and went between two checks is
 * still seen (the web app shows errors as toasts that vanish after a few seconds).
 */
const TOAST_RECORDER = `
  window.__shownToasts = [];
  new MutationObserver(() => {
    for (const toast of document.querySelectorAll('[data-sonner-toast]')) {
      if (!window.__shownToasts.includes(toast)) window.__shownToasts.push(toast);
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Every toast shown since the page opened: its type (`success`, `error`, …) and text. */
export const shownToasts = (page: Page) =>
  page.evaluate<{ type: string | null; text: string }[]>(
    `window.__shownToasts.map((toast) => ({ type: toast.getAttribute('data-type'), text: toast.textContent.trim() }))`,
  );

/** The texts of the toasts on screen (the web app shows errors as toasts). */
export const toasts = (page: Page) => page.locator('[data-sonner-toast]').allInnerTexts();
