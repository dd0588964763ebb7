import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page, type Response } from 'playwright-core';
import type { Reachable } from './app.js';
import { requireProgram } from './services.js';
import { eventually } from './sockets.js';

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

/** What `watchPage` lets pass: answers the web app expects (Open WebUI gives them too), console errors. */
export interface WatchOptions {
  expected?: (response: Response) => boolean;
  /** Also record `console.error` messages (failed loads aside: their answers are recorded). */
  consoleErrors?: boolean;
}

/**
 * Records on `page` every answer of 400 or more (as `STATUS METHOD URL`) and every script error, and
 * keeps every toast it shows (`shownToasts`). Call before the page loads anything.
 */
export async function watchPage(
  page: Page,
  problems: PageProblems = { responses: [], errors: [] },
  options: WatchOptions = {},
) {
  page.on('response', (response) => {
    if (response.status() < 400 || options.expected?.(response)) return;
    problems.responses.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  if (options.consoleErrors) {
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.errors.push(`console: ${message.text()}`);
      }
    });
  }
  await page.addInitScript({ content: TOAST_RECORDER });
  return problems;
}

/**
 * A page of the web app signed in with `token` (as the web app keeps it, in localStorage), recording
 * failed requests and page errors.
 */
export async function openSignedIn(browser: Browser, baseUrl: string, token: string) {
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = await watchPage(page);
  // Runs in the page (no DOM types here): the token is JSON-encoded into the script.
  await page.addInitScript({ content: `localStorage.setItem('token', ${JSON.stringify(token)});` });
  await page.goto(baseUrl);
  return { page, problems };
}

/**
 * Types `text` into the chat input and sends it, once the page's socket has joined (the answer arrives
 * over it): `user` shows as active to `observer` (an admin's token).
 */
export async function sendWhenConnected(
  page: Page,
  app: Reachable,
  observerToken: string,
  userId: string,
  text: string,
) {
  await waitUntilConnected(app, observerToken, userId);
  await page.locator('#chat-input').click();
  await page.keyboard.type(text);
  await page.locator('#send-message-button').click();
}

/** Waits until `user`'s page has a joined socket (so events reach it), as seen by `observer` (an admin's token). */
export async function waitUntilConnected(app: Reachable, observerToken: string, userId: string): Promise<void> {
  const active = async () =>
    ((await app.http.get('/api/v1/users/active', { token: observerToken })).body?.user_ids ?? []).includes(userId);
  if (!(await eventually(active, 15_000))) throw new Error('the page’s socket did not join');
}

/** A folder for a suite's screenshots (TEST_ARTIFACTS_DIR, else the temp folder), made once. */
export function artifactDir(suite: string): string {
  const dir = join(process.env.TEST_ARTIFACTS_DIR ?? tmpdir(), `webui-nest-${suite}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A screenshot of a step, for a person to look at; returns its path. */
export async function screenshot(page: Page, dir: string, step: string): Promise<string> {
  const path = join(dir, `${step}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Keeps every toast element the page ever shows, so one that came and went between two checks is
 * still seen (the web app shows errors as toasts that vanish after a few seconds).
 */
const TOAST_RECORDER = `
  window.__shownToasts = [];
  new MutationObserver(() => {
    for (const toast of document.querySelectorAll('[data-sonner-toast]')) {
      if (window.__shownToasts.includes(toast)) continue;
      window.__shownToasts.push(toast);
      // A test that exposed __reportToast keeps them across page loads.
      if (window.__reportToast) window.__reportToast(toast.getAttribute('data-type'), toast.textContent.trim());
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Every toast shown since the page opened: its type (`success`, `error`, …) and text. */
export const shownToasts = (page: Page) =>
  page.evaluate<{ type: string | null; text: string }[]>(
    `(window.__shownToasts ?? []).map((toast) => ({ type: toast.getAttribute('data-type'), text: toast.textContent.trim() }))`,
  );

/** The texts of the toasts on screen (the web app shows errors as toasts). */
export const toasts = (page: Page) => page.locator('[data-sonner-toast]').allInnerTexts();

/** Runs `action` and waits until the page shows a new toast with `text` in it (one that already left counts). */
export async function toastAfter(page: Page, text: string, action: () => Promise<unknown>): Promise<void> {
  const before = (await shownToasts(page)).length;
  await action();
  await page.waitForFunction(
    `window.__shownToasts.slice(${before}).some((toast) => toast.textContent.includes(${JSON.stringify(text)}))`,
    undefined,
    { timeout: 15_000 },
  );
}
