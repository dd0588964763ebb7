import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from './support/app.js';
import { chatJson } from './support/chats.js';
import { newUser, signup, type TestUser } from './support/factories.js';
import { publishModel, startProviders, type Providers } from './support/providers.js';
import { eventually } from './support/sockets.js';
import {
  artifactDir,
  launchBrowser,
  openSignedIn,
  screenshot as screenshotIn,
  sendWhenConnected,
  shownToasts,
  toasts,
  waitUntilConnected,
  webAppDir,
} from './support/webapp.js';

const FREEDONIA = 'Freedonia exports cheese.\n\nThe capital of Freedonia is Fredville.';
const shots = artifactDir('webapp');
const screenshot = (page: Parameters<typeof screenshotIn>[0], step: string) => screenshotIn(page, shots, step);
/** The real Open WebUI 0.6.40 web app, served by webui-nest, driven in headless Chromium. */
describe('the web app in a real browser', () => {
  let providers: Providers;
  let app: TestApp;
  let browser: Browser;
  let admin: TestUser;

  before(async () => {
    providers = await startProviders();
    app = await startApp({ ...providers.env, ENABLE_OLLAMA_API: 'false', FRONTEND_BUILD_DIR: webAppDir() });
    admin = await signup(app, { name: 'Admin' });
    await publishModel(app, admin.token, 'gpt-test');
    // The admin has seen this version's release notes (the web app keeps that in the user's settings).
    await app.http.post('/api/v1/users/user/settings/update', { ui: { version: '0.6.40' } }, { token: admin.token });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await providers?.close();
  });

  it('attaches a text file in the chat input, asks about it, and shows the answer citing the file', async () => {
    providers.openai.script('gpt-test', { chunks: ['The capital is ', 'Fredville [1].'] });
    const { page, problems } = await openSignedIn(browser, `${app.url}/?models=gpt-test`, admin.token);
    await page.locator('#chat-input').waitFor({ timeout: 30_000 });
    await page
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name: 'freedonia.txt', mimeType: 'text/plain', buffer: Buffer.from(FREEDONIA) });
    await page.getByText('freedonia.txt').first().waitFor({ timeout: 15_000 });
    const files = async () => (await app.http.get('/api/v1/files/', { token: admin.token })).body as any[];
    assert.ok(await eventually(async () => (await files())[0]?.data?.status === 'completed', 10_000));
    assert.equal((await files())[0].filename, 'freedonia.txt');
    // The chip stops spinning once the status stream has ended (the web app sends nothing before).
    await page.locator('#message-input-container .spinner_ajPY').waitFor({ state: 'detached', timeout: 15_000 });

    await sendWhenConnected(page, app, admin.token, admin.id, 'What is the capital of Freedonia?');
    try {
      // The sources button under the answer; the status above it ("Retrieved 1 source") is another element.
      await page.getByRole('button', { name: '1 Source', exact: true }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Retrieved 1 source' }).waitFor();
    } catch (error) {
      const shot = await screenshot(page, 'rag-failed');
      throw new Error(`${String(error)}\nscreenshot: ${shot}\nproblems: ${JSON.stringify(problems)}`);
    }
    // The [1] in the answer is shown as a citation chip named after the file.
    await page.getByRole('button', { name: 'freedonia.txt' }).last().waitFor();
    const prompt = providers.openai.requests.find((request) =>
      JSON.stringify(request.body ?? null).includes('<source'),
    );
    assert.match(JSON.stringify(prompt?.body), /The capital of Freedonia is Fredville/);
    assert.deepEqual(await toasts(page), []);
    assert.deepEqual(problems, { responses: [], errors: [] });
    await page.close();
  });

  it('creates a knowledge base in the workspace, uploads a file into it and lists it', async () => {
    const { page, problems } = await openSignedIn(browser, `${app.url}/workspace/knowledge`, admin.token);
    const shot = (step: string) => screenshot(page, `knowledge-${step}`);
    try {
      await page.locator('a[href="/workspace/knowledge/create"]').click({ timeout: 30_000 });
      await page.getByPlaceholder('Name your knowledge base').fill('Freedonia facts');
      await page.getByPlaceholder('Describe your knowledge base and objectives').fill('Everything about Freedonia');
      await page.getByRole('button', { name: 'Create Knowledge' }).click();
      await page.waitForURL(/\/workspace\/knowledge\/[0-9a-f-]{36}$/, { timeout: 15_000 });
      const knowledgeId = page.url().split('/').pop()!;
      await page.getByPlaceholder('Search Collection').waitFor({ timeout: 15_000 });

      // Its "+" (Add Content) menu, then "Upload files": the file picker the web app opens.
      await page
        .locator('#collection-container [data-menu-trigger]:has(path[d^="M8.75 3.75a.75.75 0 0 0-1.5 0v3.5h-3.5"])')
        .click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByText('Upload files').click();
      await (await chooser).setFiles({ name: 'freedonia.txt', mimeType: 'text/plain', buffer: Buffer.from(FREEDONIA) });
      await page.getByText('File added successfully.').waitFor({ timeout: 20_000 });
      await page.getByText('freedonia.txt').first().waitFor();
      const stored = (await app.http.get(`/api/v1/knowledge/${knowledgeId}`, { token: admin.token })).body;
      assert.equal(stored.name, 'Freedonia facts');
      assert.deepEqual(
        stored.files.map((file: { meta: { name: string } }) => file.meta.name),
        ['freedonia.txt'],
      );
      // Selecting the file shows its text (read through GET /files/{id}).
      await page.locator('#collection-container').getByText('freedonia.txt').click();
      const editor = page.locator('#collection-container textarea');
      assert.ok(await eventually(async () => (await editor.inputValue()) === FREEDONIA, 10_000), 'its text is shown');
      await shot('added');

      // Back to the list through the workspace's own link (a reload would lose the toasts recorded so far).
      await page.locator('a[href="/workspace/knowledge"]').first().click();
      await page.getByText('Freedonia facts').first().waitFor({ timeout: 15_000 });
      await page.getByText('By Admin').waitFor(); // the owner, from the list's `user`
      await shot('listed');
      const shown = await shownToasts(page);
      assert.deepEqual(
        shown.filter((toast) => toast.type === 'error'),
        [],
      );
      assert.deepEqual(
        shown.map((toast) => toast.text),
        ['Knowledge created successfully.', 'File added successfully.'],
      );
      assert.deepEqual(problems, { responses: [], errors: [] });
    } catch (error) {
      throw new Error(`${String(error)}\nscreenshot: ${await shot('failed')}\nproblems: ${JSON.stringify(problems)}`);
    }
    await page.close();
  });

  it('shows a chat renamed elsewhere in the sidebar of an open tab, without a reload', async () => {
    const created = await app.http.post(
      '/api/v1/chats/new',
      { chat: chatJson('Before the rename') },
      { token: admin.token },
    );
    assert.equal(created.status, 200);
    const { page, problems } = await openSignedIn(browser, app.url, admin.token);
    try {
      // The sidebar (with the chat list) open, as the web app remembers it.
      await page.evaluate(`localStorage.setItem('sidebar', 'true')`);
      await page.reload();
      await page.getByText('Before the rename').first().waitFor({ timeout: 30_000 });
      await waitUntilConnected(app, admin.token, admin.id);
      // Renamed by another client (another tab, the API): this tab hears chat:title and reloads its list.
      const renamed = await app.http.post(
        `/api/v1/chats/${created.body.id}`,
        { chat: { title: 'After the rename' } },
        { token: admin.token },
      );
      assert.equal(renamed.status, 200);
      await page.getByText('After the rename').first().waitFor({ timeout: 10_000 });
      assert.equal(await page.getByText('Before the rename').count(), 0);
      assert.deepEqual(problems, { responses: [], errors: [] });
    } catch (error) {
      throw new Error(`${String(error)}\nscreenshot: ${await screenshot(page, 'rename-failed')}`);
    } finally {
      await page.close();
    }
  });

  it('rates an answer with thumbs-up and its details, then shows it on the admin’s leaderboard and feedback list', async () => {
    // Two models answer side by side, so the rating is a win of one over the other (an Elo duel).
    providers.openai.setModels([
      { id: 'gpt-test', name: 'GPT Test' },
      { id: 'gpt-rival', name: 'GPT Rival' },
    ]);
    await publishModel(app, admin.token, 'gpt-rival');
    providers.openai.script('gpt-test', { chunks: ['Fredville is ', 'the capital.'] });
    providers.openai.script('gpt-rival', { chunks: ['Cheese Town, ', 'I think.'] });
    const rita = await newUser(app, admin, 'user', 'Rita');
    await app.http.post('/api/v1/users/user/settings/update', { ui: { version: '0.6.40' } }, { token: rita.token });

    const { page, problems } = await openSignedIn(browser, `${app.url}/?models=gpt-test,gpt-rival`, rita.token);
    try {
      await page.locator('#chat-input').waitFor({ timeout: 30_000 });
      await sendWhenConnected(page, app, admin.token, rita.id, 'What is the capital of Freedonia?');
      const winner = page.locator('[id^="message-"]').filter({ hasText: 'Fredville is the capital.' }).last();
      await winner.waitFor({ timeout: 20_000 });
      await page.getByText('Cheese Town, I think.').waitFor({ timeout: 20_000 });

      // Picking a response first, as a person does: a click on another one re-draws it (and its rating form).
      await winner.getByText('Fredville is the capital.').click();
      await winner.getByRole('button', { name: 'Good Response' }).click();
      // The web app asks for details: a 1–10 score, a reason and a comment.
      await page.getByText('How would you rate this response?').waitFor({ timeout: 10_000 });
      await screenshot(page, 'feedback-details');
      await page.getByRole('button', { name: '9', exact: true }).click();
      await page.getByRole('button', { name: 'Accurate information' }).click();
      await page.getByPlaceholder('Feel free to add specific details').fill('Right, and short.');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Thanks for your feedback!').waitFor({ timeout: 10_000 });
      const mine = async () =>
        (await app.http.get('/api/v1/evaluations/feedbacks/user', { token: rita.token })).body as any[];
      const detailed = async () => (await mine())[0]?.data?.comment === 'Right, and short.';
      assert.ok(await eventually(detailed, 10_000), 'the details were saved');
      const [feedback] = await mine();
      assert.equal(feedback.type, 'rating');
      assert.equal(feedback.data.rating, 1);
      assert.equal(feedback.data.model_id, 'gpt-test');
      assert.deepEqual(feedback.data.sibling_model_ids, ['gpt-rival']);
      assert.equal(feedback.data.reason, 'accurate_information');
      assert.deepEqual(feedback.data.details, { rating: 9 });
      const full = await app.http.get(`/api/v1/evaluations/feedback/${feedback.id}`, { token: rita.token });
      assert.equal(full.body.snapshot.chat.id, feedback.meta.chat_id);
      // Every toast since the page opened (the thumbs-up showed two errors before this domain was built).
      assert.deepEqual(await shownToasts(page), [{ type: 'success', text: 'Thanks for your feedback!' }]);
      assert.deepEqual(problems, { responses: [], errors: [] });
    } catch (error) {
      throw new Error(`${String(error)}\nscreenshot: ${await screenshot(page, 'feedback-failed')}`);
    } finally {
      await page.close();
    }

    // The admin's Evaluations: the leaderboard ranks the winner first; the feedback list shows Rita's.
    const evaluations = await openSignedIn(browser, `${app.url}/admin/evaluations`, admin.token);
    const adminPage = evaluations.page;
    try {
      const rows = adminPage.locator('table tbody tr');
      await rows.first().waitFor({ timeout: 30_000 });
      await screenshot(adminPage, 'feedback-leaderboard');
      const ranked = await rows.allInnerTexts();
      assert.match(ranked[0], /^1\s+gpt-test\s+1016\s+1\s+0$/);
      assert.match(ranked[1], /^2\s+gpt-rival\s+984\s+0\s+1$/);
      await adminPage.getByRole('button', { name: 'Feedbacks' }).click();
      await adminPage.getByText('Feedback History', { exact: true }).waitFor({ timeout: 10_000 });
      const feedbackRow = adminPage.locator('table tbody tr').filter({ hasText: 'gpt-test' });
      await feedbackRow.waitFor({ timeout: 10_000 });
      assert.match(await feedbackRow.innerText(), /gpt-rival\s+WON\s+a few seconds ago/);
      await feedbackRow.click();
      // Feedback Details reads the snapshot: the prompt, the answer, and the details given.
      await adminPage.getByText('Right, and short.').waitFor({ timeout: 10_000 });
      await adminPage.getByText('What is the capital of Freedonia?').waitFor();
      await screenshot(adminPage, 'feedback-admin-details');
      assert.deepEqual(await shownToasts(adminPage), []);
      assert.deepEqual(evaluations.problems, { responses: [], errors: [] });
    } catch (error) {
      throw new Error(`${String(error)}\nscreenshot: ${await screenshot(adminPage, 'evaluations-failed')}`);
    } finally {
      await adminPage.close();
    }
  });
});
