import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from './support/app.js';
import { signup, type TestUser } from './support/factories.js';
import { startOpenIdProvider, type TestOpenIdProvider } from './support/oidc-provider.js';
import { artifactDir, launchBrowser, screenshot, watchPage, webAppDir } from './support/webapp.js';

const shots = artifactDir('webapp-oauth');

/** Single sign-on as a person uses it: the real web app, a real OpenID provider, headless Chromium. */
describe('the web app signs in through an OpenID provider', () => {
  let idp: TestOpenIdProvider;
  let app: TestApp;
  let admin: TestUser;
  let browser: Browser;

  before(async () => {
    idp = await startOpenIdProvider();
    app = await startApp({
      ...idp.env,
      ENABLE_OAUTH_SIGNUP: 'true',
      DEFAULT_USER_ROLE: 'user',
      ENABLE_OLLAMA_API: 'false',
      FRONTEND_BUILD_DIR: webAppDir(),
    });
    idp.allowApps([app.url]);
    admin = await signup(app, { name: 'Admin' });
    idp.accounts.set('ada', { email: 'ada@sso.example.com', name: 'Ada Lovelace' });
    idp.loginAs = 'ada';
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await idp?.close();
  });

  it('shows the provider’s button on the sign-in page, and clicking it ends signed in on the home page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = await watchPage(page);
    await page.goto(`${app.url}/auth`);
    const button = page.getByRole('button', { name: 'Continue with Test SSO' });
    await button.waitFor({ timeout: 30_000 });
    await screenshot(page, shots, 'sign-in-page');
    await button.click();
    // Through the provider (which signs in as `ada` without asking) and back to the app's home page.
    await page.waitForURL((url) => url.origin === app.url && url.pathname === '/', { timeout: 30_000 });
    await page.locator('#chat-input').waitFor({ timeout: 30_000 });
    await screenshot(page, shots, 'home-page');
    const users = (await app.http.get('/api/v1/users/all', { token: admin.token })).body;
    const ada = (users.users ?? users).find((user: { email: string }) => user.email === 'ada@sso.example.com');
    assert.equal(ada?.name, 'Ada Lovelace');
    assert.equal(ada?.role, 'user');
    assert.deepEqual(problems.errors, []);
  });
});
