// Accounts and bulk chat seeding through the public API (POST /api/v1/chats/import), so the bench
// needs nothing but the HTTP API and exercises the same write path real imports use.
import { makeChat, RARE_WORD, seedOf } from './corpus.js';
import { isRecord, requestJson } from './http.js';

export interface Accounts {
  /** The first signup: admin, and the user whose list/search/open are measured. */
  main: string;
  /** Other users whose chats share the table, so queries must filter by owner. */
  others: string[];
  /** Owns the append chats, keeping them out of the main user's list and search. */
  append: string;
}

const PASSWORD = 'Bench-Passw0rd!';

async function tokenFrom(url: string, body: unknown, adminToken?: string): Promise<string> {
  const { value } = await requestJson('POST', url, { json: JSON.stringify(body), token: adminToken });
  if (!isRecord(value) || typeof value.token !== 'string') throw new Error(`POST ${url}: no token in response`);
  return value.token;
}

export async function createAccounts(baseUrl: string, otherUsers: number): Promise<Accounts> {
  const account = (name: string) => ({ name, email: `${name}@bench.example.com`, password: PASSWORD });
  const main = await tokenFrom(`${baseUrl}/api/v1/auths/signup`, account('main'));
  // Signup closes after the first account; the admin adds the rest. Those tokens do not expire.
  const add = (name: string) => tokenFrom(`${baseUrl}/api/v1/auths/add`, { ...account(name), role: 'user' }, main);
  const others: string[] = [];
  for (let i = 0; i < otherUsers; i++) others.push(await add(`other${i}`));
  return { main, others, append: await add('append') };
}

export interface SeedGroup {
  token: string;
  /** Distinct per group (and per BENCH_SEED) so groups get different content. */
  key: number;
  chats: number;
  messages: number;
  /** Plant RARE_WORD in chats whose index % plantEvery === plantEvery / 2 (none when absent). */
  plantEvery?: number;
}

export interface SeedOutcome {
  /** Created chat ids per group, in response order. */
  ids: string[][];
  /** Chats per group that carry RARE_WORD. */
  planted: number[];
  seconds: number;
  chats: number;
  messages: number;
  bodyBytes: number;
}

// Chats are spread over a year ending at a fixed instant (not "now"), so runs store the same data.
const END_EPOCH_S = 1_764_000_000;
const SPAN_S = 365 * 24 * 3600;
// Stays under the server's 25 MB default body limit with room to spare.
const MAX_BODY_BYTES = 20 * 1024 * 1024;
// Rough JSON size of one message (content + ids + duplicate in `messages`), to size batches up front.
const BYTES_PER_MESSAGE = 1500;
// Two requests in flight: the bench builds the next body while the server stores the current one.
const IN_FLIGHT = 2;

interface Batch {
  group: number;
  from: number;
  to: number;
  /** Position in the group's timeline, 0..1; batches of all groups are merged by it. */
  at: number;
}

export const isPlanted = (index: number, plantEvery: number | undefined) =>
  plantEvery !== undefined && index % plantEvery === Math.floor(plantEvery / 2);

function plan(groups: SeedGroup[], batchChats: number): Batch[] {
  const batches: Batch[] = [];
  for (const [group, g] of groups.entries()) {
    const size = Math.max(1, Math.min(batchChats, Math.floor(MAX_BODY_BYTES / (g.messages * BYTES_PER_MESSAGE))));
    const count = Math.ceil(g.chats / size);
    for (let b = 0; b < count; b++) {
      batches.push({ group, from: b * size, to: Math.min(g.chats, (b + 1) * size), at: (b + 0.5) / count });
    }
  }
  // Oldest first and users interleaved, as rows accumulate in a real deployment: one user's chats are
  // not one contiguous run of the table.
  return batches.sort((a, b) => a.at - b.at || a.group - b.group);
}

function body(g: SeedGroup, from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const createdAt = END_EPOCH_S - Math.round(((g.chats - i) / g.chats) * SPAN_S);
    const plant = isPlanted(i, g.plantEvery) ? RARE_WORD : undefined;
    parts.push(JSON.stringify(makeChat({ seed: seedOf(g.key, i), messages: g.messages, createdAt, plant })));
  }
  return `{"chats":[${parts.join(',')}]}`;
}

function createdIds(value: unknown, expected: number): string[] {
  if (!Array.isArray(value)) throw new Error('import: response is not an array');
  const ids = value.map((chat: unknown) => (isRecord(chat) && typeof chat.id === 'string' ? chat.id : ''));
  if (ids.length !== expected || ids.includes('')) {
    throw new Error(`import: expected ${expected} chats with ids, got ${ids.filter(Boolean).length}`);
  }
  return ids;
}

export async function seedChats(baseUrl: string, groups: SeedGroup[], batchChats: number): Promise<SeedOutcome> {
  const batches = plan(groups, batchChats);
  const ids = groups.map((): string[] => []);
  const total = groups.reduce((sum, g) => sum + g.chats, 0);
  const started = Date.now();
  let next = 0;
  let done = 0;
  let bodyBytes = 0;
  let lastReport = started;
  let failed = false;

  async function worker(): Promise<void> {
    // After one worker fails the other stops too, instead of seeding on into a run that is over.
    while (next < batches.length && !failed) {
      const { group, from, to } = batches[next++];
      const g = groups[group];
      const json = body(g, from, to);
      if (json.length > MAX_BODY_BYTES * 1.2) throw new Error(`import body of ${json.length} bytes is too big`);
      bodyBytes += json.length;
      const { value } = await requestJson('POST', `${baseUrl}/api/v1/chats/import`, { token: g.token, json }).catch(
        (error: unknown) => {
          failed = true;
          throw error;
        },
      );
      ids[group].push(...createdIds(value, to - from));
      done += to - from;
      if (Date.now() - lastReport > 5000 || done === total) {
        lastReport = Date.now();
        const seconds = (lastReport - started) / 1000;
        console.error(
          `  seed: ${done}/${total} chats, ${seconds.toFixed(0)} s, ${(done / seconds).toFixed(0)} chats/s`,
        );
      }
    }
  }

  await Promise.all(Array.from({ length: IN_FLIGHT }, () => worker()));
  return {
    ids,
    planted: groups.map(
      (g) => Array.from({ length: g.chats }, (_, i) => i).filter((i) => isPlanted(i, g.plantEvery)).length,
    ),
    seconds: (Date.now() - started) / 1000,
    chats: total,
    messages: groups.reduce((sum, g) => sum + g.chats * g.messages, 0),
    bodyBytes,
  };
}
