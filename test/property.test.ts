import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startApp, type TestApp } from './support/app.js';
import { brokenMultipart, type RawBody } from './support/broken-multipart.js';
import { changedTables, settledSnapshot, snapshot, type Snapshot, writeCount } from './support/db-snapshot.js';
import { seedUsers, type TestUser } from './support/factories.js';
import { hostileValue, malformedQueryValue, malformedSegment } from './support/hostile-values.js';
import { mergeIds, resourceKind, seedResources, type ResourceIds } from './support/owned-resources.js';
import { type Schema, SchemaArbitraries } from './support/schema-arbitraries.js';

/**
 * Bad input of every shape, generated from the OpenAPI spec the server serves, sent through real
 * HTTP as a user and as an admin: the answer is a 2xx, or a 4xx with `detail`, never a 5xx; and a
 * refused write leaves every table as it was.
 */

const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_204);
/** Per operation and role: about 90 s for the file on SQLite; PROPERTY_RUNS=50 for a deeper search. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 3);
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Operations that call an address the caller (or an admin's connection) names: when nothing answers
 * there, 502 with `detail` is the right answer (the request was well-formed; the upstream failed).
 * Only 502 and 504 are allowed for them, and only with `detail`.
 */
const UPSTREAM_CALLERS = new Set([
  'post /openai/verify',
  'post /ollama/verify',
  'post /api/v1/configs/tool_servers/verify',
  'get /openai/models/{url_idx}',
  'get /ollama/api/tags/{url_idx}',
  'get /ollama/api/version/{url_idx}',
]);
const UPSTREAM_STATUSES = new Set([502, 504]);

/**
 * Run after every other operation, in this order: they delete what the others' fixtures are
 * (a user deleted last of all, since their token is the one the user-side runs use).
 */
const isDestructive = (method: string, path: string) =>
  method === 'delete' || /\/(delete|reset|remove)(\/|$)/.test(path);
const LAST = 'delete /api/v1/users/{user_id}';

interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: string; schema?: Schema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}

interface GeneratedRequest {
  url: string;
  body: RawBody | undefined;
}

interface Answer {
  status: number;
  text: string;
  detail: unknown;
}

function describeRequest(method: string, request: GeneratedRequest): string {
  const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  const body = request.body ? ` [${request.body.contentType}] ${cut(request.body.body)}` : '';
  return `${method.toUpperCase()} ${cut(request.url)}${body}`;
}

/** A seed per operation, so one operation's inputs do not depend on which ran before it. */
function seedFor(key: string): number {
  let hash = SEED | 0;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

class RequestGenerator {
  constructor(
    private readonly schemas: SchemaArbitraries,
    private readonly ids: ResourceIds,
  ) {}

  for(operation: Operation): fc.Arbitrary<GeneratedRequest> {
    const parameters = operation.parameters ?? [];
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const segments = fc.record(
      Object.fromEntries(pathParams.map((p) => [p.name, this.pathValue(operation.path, p.name, p.schema ?? {})])),
    );
    const query = fc
      .tuple(
        ...queryParams.map((p) => fc.option(this.queryPart(p.name, p.schema ?? {}), { nil: '' })),
        fc.option(fc.constantFrom('unknown=1', '__proto__[admin]=1', 'constructor[prototype][x]=1'), { nil: '' }),
      )
      .map((parts) => parts.filter(Boolean).join('&'));
    return fc.record({ segments, query, body: this.body(operation) }).map(({ segments, query, body }) => ({
      url: operation.path.replace(/\{(\w+)\}/g, (_, name: string) => segments[name]) + (query ? `?${query}` : ''),
      body,
    }));
  }

  private pathValue(path: string, name: string, schema: Schema): fc.Arbitrary<string> {
    const kind = resourceKind(path, name);
    const real = kind && this.ids[kind]?.length ? [fc.constantFrom(...this.ids[kind].map(encodeURIComponent))] : [];
    const plausible = this.schemas.valid(schema).map((value) => encodeURIComponent(String(value)));
    return fc
      .oneof(...real, plausible, malformedSegment)
      .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  }

  private queryPart(name: string, schema: Schema): fc.Arbitrary<string> {
    return fc.oneof(
      this.schemas.valid(schema).map((value) => `${name}=${encodeURIComponent(String(value))}`),
      malformedQueryValue.map((value) => `${name}=${value}`),
      fc.constantFrom(name, `${name}[]=1`, `${name}[a]=1`, `${name}=1&${name}=2`, `${name}[__proto__][x]=1`),
    );
  }

  private body(operation: Operation): fc.Arbitrary<RawBody | undefined> {
    // fetch sends no body with GET; what a GET reads is its path and query.
    if (operation.method === 'get') return fc.constant(undefined);
    const content = operation.requestBody?.content ?? {};
    if (content['multipart/form-data']) return brokenMultipart;
    const json = content['application/json'];
    const values = json
      ? fc.oneof(
          { weight: 1, arbitrary: this.schemas.valid(json.schema) },
          { weight: 5, arbitrary: this.schemas.broken(json.schema) },
        )
      : fc.option(hostileValue, { freq: 2 });
    return values.map((value) =>
      value === undefined ? undefined : { contentType: 'application/json', body: JSON.stringify(value) },
    );
  }
}

/**
 * One request. A connection reset before any answer is retried once: under load the server may
 * close an idle keep-alive socket just as fetch reuses it (or close it after refusing a large body
 * early), which says nothing about the route. A server that is gone fails the retry too.
 */
async function send(app: TestApp, method: string, request: GeneratedRequest, token: string): Promise<Answer> {
  try {
    return await sendOnce(app, method, request, token);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return sendOnce(app, method, request, token);
  }
}

async function sendOnce(app: TestApp, method: string, request: GeneratedRequest, token: string): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (request.body?.contentType) headers['content-type'] = request.body.contentType;
  const response = await fetch(app.url + request.url, {
    method: method.toUpperCase(),
    headers,
    body: request.body?.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let detail: unknown;
  try {
    detail = (JSON.parse(text) as { detail?: unknown } | null)?.detail;
  } catch {
    // not JSON: no detail
  }
  return { status: response.status, text, detail };
}

describe('property: bad input of every shape, on every operation of the spec', () => {
  let app: TestApp;
  let cast: Awaited<ReturnType<typeof seedUsers>>;
  let generator: RequestGenerator;
  let operations: Operation[];
  /** The database as the last accepted request left it. */
  let reference: Snapshot;

  before(async () => {
    app = await startApp();
    cast = await seedUsers(app);
    // Users may create prompts and knowledge bases too, so their side of those routes is reached.
    const defaults = (await app.http.get('/api/v1/users/default/permissions', { token: cast.admin.token })).body;
    defaults.workspace = { ...defaults.workspace, prompts: true, knowledge: true };
    await app.http.post('/api/v1/users/default/permissions', defaults, { token: cast.admin.token });
    const ids = mergeIds(await seedResources(app, cast.admin, 0), await seedResources(app, cast.user, 1), {
      user: [cast.other.id, cast.pending.id],
    });
    const spec = (await app.http.get('/openapi.json')).body as {
      paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
      components: { schemas: Record<string, Schema> };
    };
    generator = new RequestGenerator(new SchemaArbitraries(spec.components.schemas), ids);
    operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ ...operation, method, path })),
    );
    reference = await settledSnapshot(app);
  });
  after(() => app.close());

  /** Sends `runs` generated requests to one operation as `who`; returns the first failure, if any. */
  async function exercise(operation: Operation, who: TestUser, runs: number): Promise<string | undefined> {
    const key = `${operation.method} ${operation.path}`;
    const seed = seedFor(`${key} ${who.role}`);
    let failure: string | undefined;
    const details = await fc.check(
      fc.asyncProperty(generator.for(operation), async (request) => {
        const label = describeRequest(operation.method, request);
        const writesBefore = operation.method === 'get' ? null : await writeCount(app);
        const started = Date.now();
        const answer = await send(app, operation.method, request, who.token).catch((error: Error) => {
          throw new Error(
            `${label}\n→ no answer: ${error.message} (${String((error.cause as Error | undefined)?.message)})`,
          );
        });
        if (process.env.PROPERTY_LOG)
          appendFileSync(
            process.env.PROPERTY_LOG,
            `${Date.now() - started}ms ${answer.status} ${label.slice(0, 160)}\n`,
          );
        const upstreamFailed = UPSTREAM_CALLERS.has(key) && UPSTREAM_STATUSES.has(answer.status);
        if (answer.status >= 500 && !upstreamFailed)
          failure = `${label}\n→ ${answer.status} ${answer.text.slice(0, 300)}`;
        else if (answer.status >= 400 && answer.detail === undefined)
          failure = `${label}\n→ ${answer.status} without detail: ${answer.text.slice(0, 300)}`;
        else if (operation.method !== 'get') {
          const snapStart = Date.now();
          if (answer.status >= 400) {
            const writes = await writeCount(app);
            if (writes === null || writes !== writesBefore) {
              const now = await snapshot(app);
              const changed = changedTables(reference, now);
              if (changed.length) failure = `${label}\n→ ${answer.status}, yet it changed ${changed.join(', ')}`;
              // Only volatile columns (last_active_at) changed: this is the database as it is now.
              reference = now;
            }
          } else {
            reference = await settledSnapshot(app);
          }
          if (process.env.PROPERTY_LOG)
            appendFileSync(process.env.PROPERTY_LOG, `  snapshot ${Date.now() - snapStart}ms\n`);
        }
        if (failure) {
          // Re-base, so the next operation is judged on its own writes only.
          reference = await settledSnapshot(app);
          return false;
        }
        return true;
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
    if (!details.failed) return undefined;
    return `${key} as ${who.role} (seed ${seed}, PROPERTY_SEED=${SEED}): ${failure ?? String(details.errorInstance)}`;
  }

  it('regressions the search found: a provider key that cannot be a header is a 422, not a 502', async () => {
    for (const [path, body] of [
      ['/openai/verify', { url: 'http://127.0.0.1:9/v1', key: 'sk-\u2026' }],
      [
        '/openai/config/update',
        { OPENAI_API_BASE_URLS: ['http://127.0.0.1:9/v1'], OPENAI_API_KEYS: ['sk-\u2026'], OPENAI_API_CONFIGS: {} },
      ],
    ] as const) {
      const before = await snapshot(app);
      const response = await app.http.post(path, body, { token: cast.admin.token });
      assert.equal(response.status, 422, `${path}: ${response.text}`);
      assert.deepEqual(changedTables(before, await snapshot(app)), []);
    }
  });

  it('answers 2xx or 4xx with detail, and refused writes change nothing', async (t) => {
    const inScope = operations.filter((op) => (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined);
    // Every operation with something to generate is generated for: a 2xx is a passing answer, so
    // no operation needs leaving out; destructive ones run last instead (see isDestructive).
    const generated = inScope;
    const destructive = generated
      .filter((op) => isDestructive(op.method, op.path))
      .sort((a, b) => Number(`${a.method} ${a.path}` === LAST) - Number(`${b.method} ${b.path}` === LAST));
    const others = generated.filter((op) => !destructive.includes(op));
    t.diagnostic(
      `${generated.length} of ${operations.length} operations have a body or parameters; ${RUNS} runs each per role`,
    );
    const phases: [string, Operation[], TestUser][] = [
      ['user', others, cast.user],
      ['admin', others, cast.admin],
      ['user, destructive', destructive, cast.user],
      ['admin, destructive', destructive, cast.admin],
    ];
    const failures: string[] = [];
    for (const [, list, who] of phases) {
      for (const operation of list) {
        const failure = await exercise(operation, who, RUNS);
        if (failure) failures.push(failure);
      }
    }
    assert.deepEqual(failures, [], failures.join('\n\n'));
  });
});
