import fc from 'fast-check';

/**
 * Values no route should choke on, whatever field they land in: wrong types, edge numbers, strings
 * that are huge, binary, path- or SQL-shaped, arrays of many items, nesting near and past the body
 * depth limit, and keys that name Object.prototype's members.
 */

/** `levels` objects or arrays inside each other (past MAX_BODY_DEPTH the whole body is refused with 400). */
export function nested(levels: number, kind: 'object' | 'array'): unknown {
  let value: unknown = kind === 'object' ? {} : [];
  for (let i = 1; i < levels; i += 1) value = kind === 'object' ? { a: value } : [value];
  return value;
}

/**
 * An object whose own, enumerable key is `key` (so JSON.stringify writes it): an object literal with
 * `__proto__` would set the prototype instead of adding the key.
 */
export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

/** Keys that, trusted as data, would reach Object.prototype or shadow its methods. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

const pollution = fc
  .constantFrom(...PROTOTYPE_KEYS)
  .map((key) =>
    withOwnKey({}, key, key === '__proto__' ? { role: 'admin', isAdmin: true } : { prototype: { polluted: true } }),
  );

const edgeScalars = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -2_147_483_649,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  5e-324,
  '',
  ' ',
  '0',
  '-1',
  'null',
  'true',
  '[]',
  '{}',
  'NaN',
  '1e309',
  '\u0000',
  '\ud800',
  '\u202e\u0301',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '"); DROP TABLE chat; --',
  '%00',
  '%',
  '$where',
  'http://',
  'javascript:alert(1)',
  '00000000-0000-0000-0000-000000000000',
);

const hugeString = fc
  .tuple(fc.integer({ min: 5_000, max: 60_000 }), fc.constantFrom('x', '\u00e9', '\u{1f600}', ' ', '%'))
  .map(([length, unit]) => unit.repeat(length));

const hugeArray = fc
  .tuple(fc.integer({ min: 1_000, max: 5_000 }), fc.constantFrom<unknown>(0, 'x', null, {}, []))
  .map(([length, item]) => Array.from({ length }, () => item));

const deep = fc
  .tuple(fc.integer({ min: 10, max: 130 }), fc.constantFrom<'object' | 'array'>('object', 'array'))
  .map(([levels, kind]) => nested(levels, kind));

const wideObject = fc
  .integer({ min: 200, max: 2_000 })
  .map((count) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i])));

/** Any value in a JSON field, weighted towards the ones that break code. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: edgeScalars },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: hugeString },
  { weight: 2, arbitrary: hugeArray },
  { weight: 2, arbitrary: deep },
  { weight: 1, arbitrary: wideObject },
  { weight: 2, arbitrary: pollution },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Keys added to objects that were not asked for. */
export const extraKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS, 'id', 'user_id', 'role', 'isAdmin', 'created_at', ''),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** A path segment that names nothing, or names it badly (already URL-encoded where needed). */
export const malformedSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    '%',
    '%E0%A4%A',
    '%C0%AE%C0%AE',
    '..%2F..%2Fetc',
    '%2F',
    '%20',
    '-1',
    '0',
    '1.5',
    '1e309',
    '99999999999999999999999',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    "'%20OR%201%3D1%20--",
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(3_000),
  ),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 40 })
    .map(encodeURIComponent)
    // `.` and `..` are resolved away by the URL parser: they address another route, not a bad id.
    .filter((segment) => segment !== '.' && segment !== '..'),
);

/** A query-string value that is malformed for any typed parameter (already URL-encoded). */
export const malformedQueryValue: fc.Arbitrary<string> = fc.oneof(
  malformedSegment,
  fc.constantFrom('', 'true', 'false', 'yes', '2', 'asc', 'desc', '%E0%A4%A'),
);
