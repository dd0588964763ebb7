import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';
import { launchBrowser, openSignedIn, toasts, webAppDir } from './support/webapp.js';

/** The real Open WebUI 0.6.40 web app, served by webui-nest, driven in headless Chromium. */
describe('the web app in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let admin: TestUser;

  before(async () => {
    app = await startApp({ FRONTEND_BUILD_DIR: webAppDir() });
    admin = await signup(app, { name: 'Admin' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('attaches a text file in the chat input: uploaded, processed, shown, no error', async () => {
    const { page, problems } = await openSignedIn(browser, app.url, admin.token);
    await page.locator('#chat-input').waitFor({ timeout: 30_000 });
    await page
      .locator('input[type="file"]')
      .first()
      .setInputFiles({
        name: 'freedonia.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Fredville is the capital.'),
      });
    await page.getByText('freedonia.txt').first().waitFor({ timeout: 15_000 });
    const files = (await app.http.get('/api/v1/files/', { token: admin.token })).body as any[];
    assert.equal(files.length, 1);
    assert.equal(files[0].filename, 'freedonia.txt');
    // The chip stops spinning once the status stream says completed.
    await page.waitForFunction(
      "!document.querySelector('#chat-input')?.closest('form')?.querySelector('.animate-spin')",
    );
    assert.equal(
      (await app.http.get(`/api/v1/files/${files[0].id}/process/status`, { token: admin.token })).body.status,
      'completed',
    );
    assert.deepEqual(await toasts(page), []);
    assert.deepEqual(problems, { responses: [], errors: [] });
    await page.close();
  });
});
