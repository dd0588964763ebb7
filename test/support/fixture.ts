import { after, before } from 'node:test';
import { startApp, type TestApp } from './app.js';
import { seedUsers } from './factories.js';
import { publishModel, startProviders } from './providers.js';

/**
 * The usual suite setup: a fresh app (with `env`) and the usual users, started before the suite's
 * tests and closed after them. Call inside `describe`; read `app` and `cast` inside tests.
 */
export function appFixture(env: Record<string, string> = {}) {
  const fixture = {
    app: undefined as unknown as TestApp,
    cast: undefined as unknown as Awaited<ReturnType<typeof seedUsers>>,
  };
  before(async () => {
    fixture.app = await startApp(env);
    fixture.cast = await seedUsers(fixture.app);
  });
  after(() => fixture.app.close());
  return fixture;
}

/**
 * An app wired to the mock providers, with the usual users and the `publish`ed models open to
 * every verified user. `close` stops the app and the mocks.
 */
export async function startWithProviders(options: { env?: Record<string, string>; publish?: string[] } = {}) {
  const providers = await startProviders();
  const app = await startApp({ ...providers.env, ...options.env });
  const cast = await seedUsers(app);
  for (const id of options.publish ?? []) await publishModel(app, cast.admin.token, id);
  const close = async () => {
    await app.close();
    await providers.close();
  };
  return { providers, app, cast, close };
}
