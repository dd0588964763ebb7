// One request per read scenario before the load runs: a fast route that returns the wrong chats must
// not pass a latency target, so each answer is compared with what the seed put in.
import { isRecord, requestJson } from './http.js';

export const PAGE_SIZE = 60;

export interface Check {
  scenario: string;
  ok: boolean;
  detail: string;
  /** Size of the checked response, for context next to the timings. */
  bytes: number;
}

export interface Expectations {
  token: string;
  /** Every chat id of the measured user: results must come from these only. */
  ownIds: Set<string>;
  /** Chats carrying the rare word, i.e. the expected search hits. */
  planted: number;
}

interface TitleRow {
  id: string;
  updated_at: number;
}

function titleRows(value: unknown): TitleRow[] | string {
  if (!Array.isArray(value)) return 'not an array';
  const rows: TitleRow[] = [];
  for (const item of value as unknown[]) {
    if (!isRecord(item) || typeof item.id !== 'string' || typeof item.title !== 'string')
      return 'item without id/title';
    if (typeof item.updated_at !== 'number' || typeof item.created_at !== 'number') return 'item without timestamps';
    rows.push({ id: item.id, updated_at: item.updated_at });
  }
  return rows;
}

async function checkPage(
  baseUrl: string,
  scenario: string,
  path: string,
  want: number,
  e: Expectations,
): Promise<Check> {
  const { value, result } = await requestJson('GET', `${baseUrl}${path}`, { token: e.token });
  const rows = titleRows(value);
  const fail = (detail: string): Check => ({ scenario, ok: false, detail, bytes: result.bytes });
  if (typeof rows === 'string') return fail(rows);
  if (rows.length !== want) return fail(`${rows.length} results, expected ${want}`);
  if (rows.some((r) => !e.ownIds.has(r.id))) return fail("returned another user's chat");
  if (rows.some((r, i) => i > 0 && r.updated_at > rows[i - 1].updated_at)) return fail('not newest first');
  return { scenario, ok: true, detail: `${rows.length} results`, bytes: result.bytes };
}

async function checkOpen(baseUrl: string, id: string, messages: number, e: Expectations): Promise<Check> {
  const scenario = 'open';
  const { value, result } = await requestJson('GET', `${baseUrl}/api/v1/chats/${id}`, { token: e.token });
  const history = isRecord(value) && isRecord(value.chat) ? value.chat.history : undefined;
  const count = isRecord(history) && isRecord(history.messages) ? Object.keys(history.messages).length : -1;
  if (!isRecord(value) || value.id !== id) return { scenario, ok: false, detail: 'wrong chat', bytes: result.bytes };
  if (count !== messages) return { scenario, ok: false, detail: `${count} messages`, bytes: result.bytes };
  return { scenario, ok: true, detail: `${count} messages`, bytes: result.bytes };
}

export interface ReadPaths {
  list: string;
  searchRare: string;
  searchCommon: string;
  searchAbsent: string;
  open: string;
}

export async function checkReads(
  baseUrl: string,
  paths: ReadPaths,
  openId: string,
  messages: number,
  e: Expectations,
): Promise<Check[]> {
  const chats = e.ownIds.size;
  const lastPage = Math.max(1, Math.ceil(chats / PAGE_SIZE));
  return [
    await checkPage(baseUrl, 'list', paths.list, Math.min(PAGE_SIZE, chats), e),
    // The last page proves paging works and every seeded chat arrived.
    await checkPage(
      baseUrl,
      'list (last page)',
      `/api/v1/chats/?page=${lastPage}`,
      chats - (lastPage - 1) * PAGE_SIZE,
      e,
    ),
    await checkPage(baseUrl, 'search rare', paths.searchRare, Math.min(PAGE_SIZE, e.planted), e),
    await checkPage(baseUrl, 'search common', paths.searchCommon, Math.min(PAGE_SIZE, chats), e),
    await checkPage(baseUrl, 'search absent', paths.searchAbsent, 0, e),
    await checkOpen(baseUrl, openId, messages, e),
  ];
}
