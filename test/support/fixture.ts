import { after, before } from 'node:test';
import { startApp, type TestApp } from './app.js';
import { seedUsers } from './factories.js';

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
