import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { startApp, type TestApp } from './support/app.js';
import { startProviders, type Providers } from './support/providers.js';
import { eventually } from './support/sockets.js';
import { NOT_SQLITE } from '../src/database-download/database-download.service.js';
import { usingPostgres } from './support/database.js';
import {
  artifactDir,
  launchBrowser,
  screenshot,
  sendWhenConnected,
  toastAfter,
  watchPage,
  webAppDir,
  type PageProblems,
} from './support/webapp.js';

/**
 * Answers of 400 or more the web app gets, handles, and would get from Open WebUI 0.6.40 too. Any
 * other such answer fails the walk.
 */
const EXPECTED_ERRORS = [
  // Settings → Account asks for the caller's API key; there is none yet, and the page offers to create one.
  { method: 'GET', path: '/api/v1/auths/api_key', status: 404 },
  // Settings → Database → Download Database on PostgreSQL: there is no file to send; the page toasts why.
  ...(usingPostgres() ? [{ method: 'GET', path: '/api/v1/utils/db/download', status: 400 }] : []),
];
/** Error toasts that go with the expected errors. */
const EXPECTED_ERROR_TOASTS = usingPostgres() ? [NOT_SQLITE] : [];

/** The admin settings pages in the order of their tabs; `loads` is what each reads before it shows. */
const SETTINGS_TABS: { tab: string; loads: string }[] = [
  { tab: 'General', loads: '/api/v1/auths/admin/config' },
  { tab: 'Connections', loads: '/api/v1/configs/connections' },
  { tab: 'Models', loads: '/api/v1/configs/models' },
  { tab: 'Evaluations', loads: '/api/v1/evaluations/config' },
  { tab: 'External Tools', loads: '/api/v1/configs/tool_servers' },
  { tab: 'Documents', loads: '/api/v1/retrieval/config' },
  { tab: 'Web Search', loads: '/api/v1/retrieval/config' },
  { tab: 'Code Execution', loads: '/api/v1/configs/code_execution' },
  { tab: 'Interface', loads: '/api/v1/tasks/config' },
  { tab: 'Audio', loads: '/api/v1/audio/config' },
  { tab: 'Images', loads: '/api/v1/images/config' },
  { tab: 'Pipelines', loads: '/api/v1/pipelines/list' },
  { tab: 'Database', loads: '' },
];

/** The settings modal's tabs, each with a text its panel shows once drawn. */
const USER_SETTINGS_TABS: { tab: string; shows: string }[] = [
  { tab: 'General', shows: 'WebUI Settings' },
  { tab: 'Interface', shows: 'Display chat title in tab' },
  { tab: 'External Tools', shows: 'OpenAPI compatible external tool servers' },
  { tab: 'Personalization', shows: 'adding memories' },
  { tab: 'Audio', shows: 'Text-to-Speech Engine' },
  { tab: 'Data Controls', shows: 'Archive All Chats' },
  { tab: 'Account', shows: 'Change Password' },
  { tab: 'About', shows: 'Check for updates' },
];

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-secret-pw' };
const MEMBER = { name: 'Bea Member', email: 'bea@example.com', password: 'bea-secret-pw' };

const pathOf = (response: Response) => new URL(response.url()).pathname;
const isExpected = (response: Response) =>
  EXPECTED_ERRORS.some(
    (expected) =>
      expected.method === response.request().method() &&
      expected.path === pathOf(response) &&
      expected.status === response.status(),
  );

/**
 * A new user's and an admin's tour of the real Open WebUI 0.6.40 web app on webui-nest, in headless
 * Chromium: every screen opened, every settings page saved. Steps run in order on one server and one
 * browser; each fails on an unexpected error answer, a script error or an error toast.
 */
describe('a walk through every screen of the web app', () => {
  let providers: Providers;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminToken = '';
  const shots = artifactDir('walk');
  /** Everything that went wrong on any page, in order; each step checks what came after its start. */
  const problems: PageProblems = { responses: [], errors: [] };
  const shot = (step: string) => screenshot(page, shots, step);

  /** Problems since `mark`; a step fails on any. */
  const mark = () => ({
    responses: problems.responses.length,
    errors: problems.errors.length,
    toasts: toasts.length,
  });
  const problemsSince = (since: ReturnType<typeof mark>) => ({
    responses: problems.responses.slice(since.responses),
    errors: problems.errors.slice(since.errors),
  });

  /** Every toast any page showed, kept across page loads. */
  const toasts: { type: string | null; text: string }[] = [];

  /** A page that records into `problems` and `toasts`. */
  async function watched(target: BrowserContext): Promise<Page> {
    const opened = await target.newPage();
    await opened.exposeFunction('__reportToast', (type: string | null, text: string) => toasts.push({ type, text }));
    await watchPage(opened, problems, { expected: isExpected, consoleErrors: true });
    return opened;
  }

  /**
   * Runs one step; on failure the error carries the step's screenshot and problems. Passes only with
   * no problems and no error toast since the step began.
   */
  async function step(name: string, work: () => Promise<void>): Promise<void> {
    const since = mark();
    try {
      await work();
      await shot(name);
      const errorToasts = toasts
        .slice(since.toasts)
        .filter((toast) => toast.type === 'error' && !EXPECTED_ERROR_TOASTS.includes(toast.text));
      assert.deepEqual(errorToasts, [], 'no error toast');
      assert.deepEqual(problemsSince(since), { responses: [], errors: [] });
    } catch (error) {
      const path = await shot(`${name}-failed`).catch(() => 'none');
      throw new Error(
        `${name}: ${String(error)}\nscreenshot: ${path}\nproblems: ${JSON.stringify(problemsSince(since))}`,
      );
    }
  }

  /** Resolves with the next successful GET of `path` (register before the click that causes it). */
  const loaded = (path: string) =>
    page.waitForResponse((response) => response.request().method() === 'GET' && pathOf(response) === path, {
      timeout: 30_000,
    });

  const api = (path: string) => app.http.get(path, { token: adminToken }).then((response) => response.body);

  before(async () => {
    providers = await startProviders();
    app = await startApp({ ...providers.env, ENABLE_OLLAMA_API: 'false', FRONTEND_BUILD_DIR: webAppDir() });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({ status: 204, body: '' }));
    page = await watched(context);
  });
  after(async () => {
    console.log(`walk screenshots: ${shots}`);
    await browser?.close();
    await app?.close();
    await providers?.close();
  });

  it('onboards: the first visitor creates the admin account and reads What’s New', () =>
    step('onboarding', async () => {
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Get started' }).click({ timeout: 30_000 });
      await page.getByPlaceholder('Enter Your Full Name').fill(ADMIN.name);
      await page.getByPlaceholder('Enter Your Email').fill(ADMIN.email);
      await page.getByPlaceholder('Enter Your Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Create Admin Account' }).click();
      await page.locator('#chat-input').waitFor({ timeout: 30_000 });
      // "What's New" shows this server's CHANGELOG.md.
      await page.getByText('Database download').first().waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: "Okay, Let's Go!" }).click();
      adminToken = await page.evaluate('localStorage.token');
      const me = (await app.http.get('/api/v1/auths/', { token: adminToken })).body;
      assert.equal(me.role, 'admin');
      assert.equal(me.email, ADMIN.email);
    }));

  it('streams an answer in a new chat, and takes a thumbs-up on it', () =>
    step('chat', async () => {
      providers.openai.script('gpt-test', {
        chunks: ['Fredville ', 'is ', 'the ', 'capital.'],
        chunkDelayMs: 700,
      });
      const me = (await app.http.get('/api/v1/auths/', { token: adminToken })).body;
      await sendWhenConnected(page, app, adminToken, me.id, 'What is the capital of Freedonia?');
      const answer = page.locator('[id^="message-"]').filter({ hasText: 'Fredville' }).last();
      await answer.waitFor({ timeout: 20_000 });
      // Seen while it streams: the first words before the last.
      assert.doesNotMatch(await answer.innerText(), /capital\./);
      await answer.getByText('Fredville is the capital.').waitFor({ timeout: 20_000 });
      await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);

      await answer.getByRole('button', { name: 'Good Response' }).click();
      await page.getByText('How would you rate this response?').waitFor({ timeout: 10_000 });
      const rated = async () =>
        ((await api('/api/v1/evaluations/feedbacks/user')) as any[]).some(
          (feedback) => feedback.data?.rating === 1 && feedback.data?.model_id === 'gpt-test',
        );
      assert.ok(await eventually(rated, 10_000), 'the rating is saved');
    }));

  it('opens and saves every admin settings page', async () => {
    for (const { tab, loads } of SETTINGS_TABS) {
      await step(`admin-settings-${tab.toLowerCase().replace(/ /g, '-')}`, async () => {
        const ready = loads ? loaded(loads) : Promise.resolve(undefined);
        if (tab === 'General') await page.goto(`${app.url}/admin/settings/general`);
        else
          await page.locator('#admin-settings-tabs-container').getByRole('button', { name: tab, exact: true }).click();
        await ready;
        await saveSettingsPage(tab);
      });
    }
  });

  /** What a person changes and saves on each admin settings page, and how the server shows it took. */
  async function saveSettingsPage(tab: string): Promise<void> {
    const save = (toast = 'Settings saved successfully!') =>
      toastAfter(page, toast, () => page.getByRole('button', { name: 'Save', exact: true }).last().click());
    const inputAfter = (label: string) => page.getByText(label, { exact: true }).locator('xpath=following::input[1]');
    switch (tab) {
      case 'General': {
        const expiry = inputAfter('JWT Expiration');
        assert.equal(await expiry.inputValue(), '4w');
        await expiry.fill('2w');
        await save();
        assert.equal((await api('/api/v1/auths/admin/config')).JWT_EXPIRES_IN, '2w');
        return;
      }
      case 'Connections':
        // Three toasts: the settings, then each provider's connections.
        return save('OpenAI API settings updated');
      case 'Models': {
        await page.getByText('GPT Test').first().waitFor();
        // The dialog shows the config it read before and reads it again on opening; a choice made before that
        // second read lands would be overwritten by it.
        const reread = loaded('/api/v1/configs/models');
        await page.locator('button:has(path[d^="M9.594 3.94"])').click();
        await (await reread).finished();
        await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
        const dialog = page.locator('.modal').last();
        await dialog.locator('select').first().selectOption({ label: 'GPT Test' });
        await toastAfter(page, 'Models configuration saved successfully', () =>
          dialog.getByRole('button', { name: 'Save', exact: true }).click(),
        );
        assert.equal((await api('/api/v1/configs/models')).DEFAULT_MODELS, 'gpt-test');
        return;
      }
      case 'External Tools':
        return save('Connections saved successfully');
      case 'Documents': {
        const chunkSize = inputAfter('Chunk Size');
        assert.equal(await chunkSize.inputValue(), '1000');
        await chunkSize.fill('800');
        await save();
        assert.equal((await api('/api/v1/retrieval/config')).CHUNK_SIZE, 800);
        return;
      }
      case 'Web Search': {
        // The first switch is "Web Search" itself; the engine list is the first select (required to save).
        const enable = page.getByRole('switch').first();
        assert.equal(await enable.getAttribute('aria-checked'), 'false');
        await enable.click();
        await page.locator('select').first().selectOption('searxng');
        await page.getByPlaceholder('Enter Searxng Query URL').fill('http://searxng.internal:8080/search');
        await save();
        const { web } = await api('/api/v1/retrieval/config');
        assert.equal(web.ENABLE_WEB_SEARCH, true);
        assert.equal(web.WEB_SEARCH_ENGINE, 'searxng');
        assert.equal(web.SEARXNG_QUERY_URL, 'http://searxng.internal:8080/search');
        return;
      }
      case 'Images':
        // The page refuses to save the OpenAI engine without a key (as against Open WebUI).
        await page.getByPlaceholder('API Key').first().fill('sk-images-test');
        await save();
        assert.equal((await api('/api/v1/images/config')).IMAGES_OPENAI_API_KEY, 'sk-images-test');
        return;
      case 'Pipelines':
        // No connection is a Pipelines server, so there is nothing to save.
        await page.getByText('Pipelines Not Detected').waitFor();
        return;
      case 'Database':
        return useDatabasePage();
      default:
        return save();
    }
  }

  /** Admin → Settings → Database: every export downloads, and the exported config imports again. */
  async function useDatabasePage(): Promise<void> {
    const download = async (button: string) => {
      const started = page.waitForEvent('download', { timeout: 30_000 });
      await page.getByRole('button', { name: button }).click();
      const file = await started;
      return { name: file.suggestedFilename(), path: await file.path() };
    };
    const config = await download('Export Config to JSON File');
    assert.match(config.name, /^config-\d+\.json$/);
    assert.equal(JSON.parse(readFileSync(config.path, 'utf8')).auth.jwt_expiry, '2w'); // saved on General
    if (usingPostgres()) {
      // No file to send: the page shows the server's reason.
      await toastAfter(page, NOT_SQLITE, () => page.getByRole('button', { name: 'Download Database' }).click());
    } else {
      const database = await download('Download Database');
      assert.equal(database.name, 'webui.db');
      assert.equal(readFileSync(database.path).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
    }
    assert.match((await download('Export All Chats (All Users)')).name, /^all-chats-export-\d+\.json$/);
    assert.equal((await download('Export Users')).name, 'users.csv');
    await toastAfter(page, 'Config imported successfully', async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import Config from JSON File' }).click();
      await (await chooser).setFiles(config.path);
    });
  }

  it('adds a user, creates a group and saves the default permissions in the admin’s Users pages', () =>
    step('admin-users', async () => {
      const listed = loaded('/api/v1/users/');
      await page.goto(`${app.url}/admin/users`);
      await listed;
      await page.getByRole('cell', { name: ADMIN.email }).waitFor();
      await page.locator('button:has(path[d="M12 4.5v15m7.5-7.5h-15"])').first().click();
      const dialog = page.locator('.modal').last();
      await dialog.locator('select').selectOption('user');
      await dialog.getByPlaceholder('Enter Your Full Name').fill(MEMBER.name);
      await dialog.getByPlaceholder('Enter Your Email').fill(MEMBER.email);
      await dialog.getByPlaceholder('Enter Your Password').fill(MEMBER.password);
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('cell', { name: MEMBER.email }).waitFor({ timeout: 15_000 });

      await page
        .getByRole('link', { name: 'Groups' })
        .or(page.getByRole('button', { name: 'Groups' }))
        .first()
        .click();
      await page.getByRole('button', { name: 'Create Group' }).click();
      const groupDialog = page.locator('.modal').last();
      await groupDialog.locator('input').first().fill('Editors');
      await toastAfter(page, 'Group created successfully', () =>
        groupDialog.getByRole('button', { name: 'Save', exact: true }).click(),
      );
      await page.getByText('Default permissions').click();
      await toastAfter(page, 'Default permissions updated successfully', () =>
        page.locator('.modal').last().getByRole('button', { name: 'Save', exact: true }).click(),
      );
      assert.deepEqual(
        ((await api('/api/v1/groups/')) as { name: string }[]).map((group) => group.name),
        ['Editors'],
      );
    }));

  it('opens the workspace pages and the admin’s Functions and Evaluations', async () => {
    const pages = [
      { path: '/workspace/models', loads: '/api/v1/models/list', shows: 'New Model' },
      { path: '/workspace/knowledge', loads: '/api/v1/knowledge/list', shows: 'New Knowledge' },
      { path: '/workspace/prompts', loads: '/api/v1/prompts/list', shows: 'New Prompt' },
      { path: '/workspace/tools', loads: '/api/v1/tools/list', shows: 'New Tool' },
      { path: '/admin/functions', loads: '/api/v1/functions/list', shows: 'New Function' },
      { path: '/admin/evaluations', loads: '/api/v1/evaluations/feedbacks/all', shows: 'Leaderboard' },
    ];
    for (const { path, loads, shows } of pages) {
      await step(path.slice(1).replace(/\//g, '-'), async () => {
        const ready = loaded(loads);
        await page.goto(app.url + path);
        await ready;
        await page.getByText(shows).first().waitFor();
      });
    }
  });

  it('opens every tab of the settings modal and saves each that has a Save', () =>
    step('user-settings', async () => {
      await page.goto(app.url);
      await page.locator('#chat-input').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'User menu' }).first().click();
      await page.getByText('Settings', { exact: true }).first().click();
      const modal = page.locator('.modal').last();
      for (const { tab, shows } of USER_SETTINGS_TABS) {
        await modal.getByRole('tab', { name: tab, exact: true }).click();
        await modal.getByText(shows).first().waitFor();
        await screenshot(page, shots, `user-settings-${tab.toLowerCase().replace(/ /g, '-')}`);
        const save = modal.getByRole('button', { name: 'Save', exact: true });
        if ((await save.count()) > 0) await toastAfter(page, 'Settings saved successfully!', () => save.last().click());
      }
      const settings = (await app.http.get('/api/v1/users/user/settings', { token: adminToken })).body;
      assert.equal(typeof settings.ui, 'object');
    }));

  it('lets the user the admin added sign in, and shows them the chat page', async () => {
    const own = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await own.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.fulfill({ status: 204, body: '' }));
    const adminPage = page;
    page = await watched(own);
    try {
      await step('member-sign-in', async () => {
        await page.goto(`${app.url}/auth`);
        await page.getByPlaceholder('Enter Your Email').fill(MEMBER.email);
        await page.getByPlaceholder('Enter Your Password').fill(MEMBER.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('#chat-input').waitFor({ timeout: 30_000 });
        const token = await page.evaluate('localStorage.token');
        const me = (await app.http.get('/api/v1/auths/', { token: String(token) })).body;
        assert.equal(me.email, MEMBER.email);
        assert.equal(me.role, 'user');
      });
    } finally {
      page = adminPage;
      await own.close();
    }
  });
});
