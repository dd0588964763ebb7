import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from './support/app.js';
import { assertReconnectCatchesUp } from './support/catch-up.js';
import { signup, type TestUser } from './support/factories.js';
import { publishModel, startProviders, type Providers } from './support/providers.js';

describe('a tab that reconnects mid-answer catches up', () => {
  let providers: Providers;
  let app: TestApp;
  let admin: TestUser;

  before(async () => {
    providers = await startProviders();
    app = await startApp(providers.env);
    admin = await signup(app, { name: 'Admin' });
    await publishModel(app, admin.token, 'gpt-test');
  });
  after(async () => {
    await app?.close();
    await providers?.close();
  });

  it('sends the text so far to a socket that joins while the answer streams, so no piece is missing', () =>
    assertReconnectCatchesUp(app, providers.openai, admin.token));
});
