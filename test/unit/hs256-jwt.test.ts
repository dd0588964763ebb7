import assert from 'node:assert/strict';
import { createHmac, createSecretKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { jwtVerify, SignJWT } from 'jose';
import { signHs256, verifyHs256 } from '../../bench/auth/hs256-jwt.js';

// jose is an independent implementation: tokens must pass between the two both ways.
const raw = new TextEncoder().encode('unit-test-secret');
const key = createSecretKey(Buffer.from(raw));
const now = 1_800_000_000;

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('HS256 tokens over node:crypto', () => {
  it('verifies what jose signs, and jose verifies what it signs', async () => {
    const fromJose = await new SignJWT({ id: 'u1', jti: 'j' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime(now + 60)
      .sign(raw);
    assert.deepEqual(verifyHs256(fromJose, key, now), { id: 'u1', jti: 'j', exp: now + 60 });

    const ours = signHs256({ id: 'u2', exp: 4_000_000_000 }, key);
    const { payload, protectedHeader } = await jwtVerify(ours, raw, { algorithms: ['HS256'] });
    assert.equal(payload.id, 'u2');
    assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
  });

  it('refuses expired, not-yet-valid and badly typed time claims', () => {
    assert.equal(verifyHs256(signHs256({ id: 'u', exp: now }, key), key, now), null);
    assert.ok(verifyHs256(signHs256({ id: 'u', exp: now + 1 }, key), key, now));
    assert.equal(verifyHs256(signHs256({ id: 'u', nbf: now + 5 }, key), key, now), null);
    assert.equal(verifyHs256(signHs256({ id: 'u', exp: '9999999999' }, key), key, now), null);
  });

  it('refuses other keys, other algorithms, critical extensions and malformed tokens', async () => {
    const otherKey = createSecretKey(Buffer.from('other'));
    assert.equal(verifyHs256(signHs256({ id: 'u' }, otherKey), key, now), null);

    const hs512 = await new SignJWT({ id: 'u' }).setProtectedHeader({ alg: 'HS512' }).sign(raw);
    assert.equal(verifyHs256(hs512, key, now), null);

    const [, payload] = signHs256({ id: 'u' }, key).split('.');
    assert.equal(verifyHs256(`${segment({ alg: 'none' })}.${payload}.`, key, now), null);

    const critInput = `${segment({ alg: 'HS256', crit: ['x-unknown'], 'x-unknown': 1 })}.${payload}`;
    const critToken = `${critInput}.${createHmac('sha256', key).update(critInput).digest('base64url')}`;
    assert.equal(verifyHs256(critToken, key, now), null);

    const arrayPayload = signHs256({ id: 'u' }, key).replace(payload, segment([1]));
    for (const token of ['', 'a.b', 'a.b.c.d', '!!.@@.##', arrayPayload, `${signHs256({ id: 'u' }, key)}=`]) {
      assert.equal(verifyHs256(token, key, now), null, token);
    }
  });
});
