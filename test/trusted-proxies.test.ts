import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withApp, type TestApp } from './support/app.js';

/** Failed sign-ins, each for another email and claiming another client address. */
async function failedSigninsWithForgedAddresses(app: TestApp, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < count; attempt++) {
    const response = await app.http.post(
      '/api/v1/auths/signin',
      { email: `guess-${attempt}@example.com`, password: 'wrong' },
      { headers: { 'x-forwarded-for': `203.0.113.${attempt + 1}` } },
    );
    statuses.push(response.status);
  }
  return statuses;
}

describe('client addresses come only from trusted proxies (FORWARDED_ALLOW_IPS)', () => {
  it('ignores X-Forwarded-For from a client that is not a trusted proxy: forged addresses are still limited', async () => {
    // The test client connects from loopback; only 10.1.2.3 is a trusted proxy here.
    await withApp({ FORWARDED_ALLOW_IPS: '10.1.2.3', SIGNIN_RATE_LIMIT_PER_IP: '3' }, async (app) => {
      assert.deepEqual(await failedSigninsWithForgedAddresses(app, 5), [400, 400, 400, 429, 429]);
    });
  });

  it('takes the address a trusted proxy sets (loopback by default, as uvicorn)', async () => {
    await withApp({ SIGNIN_RATE_LIMIT_PER_IP: '3' }, async (app) => {
      assert.deepEqual(await failedSigninsWithForgedAddresses(app, 5), [400, 400, 400, 400, 400]);
    });
  });

  it('refuses a FORWARDED_ALLOW_IPS entry that is neither an address, a range nor a known name', async () => {
    await assert.rejects(
      withApp({ FORWARDED_ALLOW_IPS: 'not-an-address' }, () => Promise.resolve()),
      /FORWARDED_ALLOW_IPS/,
    );
  });
});
