import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';
import { newUser, type TestUser } from './factories.js';
import { appFixture } from './fixture.js';

export const NOT_FOUND = "We could not find what you're looking for :/";
export const ACCESS_PROHIBITED =
  'You do not have permission to access this resource. Please contact your administrator for assistance.';
export const FOLDER_EXISTS = '[ERROR: Folder already exists]';

export const CHAT_KEYS = [
  'archived',
  'chat',
  'created_at',
  'folder_id',
  'id',
  'meta',
  'pinned',
  'share_id',
  'title',
  'updated_at',
  'user_id',
];
export const LIST_ITEM_KEYS = ['created_at', 'id', 'title', 'updated_at'];
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const now = () => Math.floor(Date.now() / 1000);
export const ids = (list: { id: string }[]) => list.map((item) => item.id);
export const titles = (list: { title: string }[]) => list.map((item) => item.title);
export const sorted = (list: string[]) => [...list].sort();

/** A chat JSON as the SPA writes it: one user message and one assistant reply. */
export function chatJson(title = 'New Chat', question = 'Hello there', answer = 'General Kenobi') {
  const userId = randomUUID();
  const assistantId = randomUUID();
  const timestamp = now();
  const userMessage = {
    id: userId,
    parentId: null,
    childrenIds: [assistantId],
    role: 'user',
    content: question,
    timestamp,
    models: ['gpt-4o'],
  };
  const assistantMessage = {
    id: assistantId,
    parentId: userId,
    childrenIds: [],
    role: 'assistant',
    content: answer,
    model: 'gpt-4o',
    modelName: 'GPT-4o',
    modelIdx: 0,
    timestamp,
    done: true,
  };
  return {
    id: '',
    title,
    models: ['gpt-4o'],
    params: {},
    history: { messages: { [userId]: userMessage, [assistantId]: assistantMessage }, currentId: assistantId },
    messages: [userMessage, assistantMessage],
    tags: [],
    timestamp: Date.now(),
  };
}

/** POST /api/v1/chats/new; throws unless 200. */
export async function newChat(
  app: TestApp,
  owner: TestUser,
  title = 'New Chat',
  extra: { folder_id?: string | null; chat?: Record<string, unknown> } = {},
): Promise<any> {
  const body: Record<string, unknown> = { chat: { ...chatJson(title), ...extra.chat } };
  if (extra.folder_id !== undefined) body.folder_id = extra.folder_id;
  const response = await app.http.post('/api/v1/chats/new', body, { token: owner.token });
  if (response.status !== 200) throw new Error(`new chat failed: ${response.status} ${response.text}`);
  return response.body;
}

export interface ImportItem {
  chat: Record<string, unknown>;
  meta?: Record<string, unknown>;
  pinned?: boolean;
  folder_id?: string | null;
  created_at?: number;
  updated_at?: number;
}

/** POST /api/v1/chats/import; throws unless 200. */
export async function importChats(app: TestApp, owner: TestUser, chats: ImportItem[]): Promise<any[]> {
  const response = await app.http.post('/api/v1/chats/import', { chats }, { token: owner.token });
  if (response.status !== 200) throw new Error(`import failed: ${response.status} ${response.text}`);
  return response.body;
}

/** `count` import items titled `${prefix} NNN`, updated_at rising with the number (so the last is newest). */
export function series(count: number, prefix: string, base = 1_700_000_000): ImportItem[] {
  return Array.from({ length: count }, (_, i) => ({
    chat: chatJson(`${prefix} ${String(i).padStart(3, '0')}`),
    created_at: base + i,
    updated_at: base + i,
  }));
}

/** Sets one `chat.*` default permission; returns a function restoring the previous defaults. */
export async function setChatPermission(
  app: TestApp,
  admin: TestUser,
  key: string,
  value: boolean,
): Promise<() => Promise<void>> {
  const defaults = (await app.http.get('/api/v1/users/default/permissions', { token: admin.token })).body;
  const changed = { ...defaults, chat: { ...defaults.chat, [key]: value } };
  const saved = await app.http.post('/api/v1/users/default/permissions', changed, { token: admin.token });
  if (saved.status !== 200) throw new Error(`permissions failed: ${saved.status} ${saved.text}`);
  return async () => {
    await app.http.post('/api/v1/users/default/permissions', defaults, { token: admin.token });
  };
}

/** POST /api/v1/folders/ (and, with a parent, /update/parent); throws unless 200. */
export async function newFolder(app: TestApp, owner: TestUser, name: string, parentId?: string): Promise<any> {
  const created = await app.http.post('/api/v1/folders/', { name }, { token: owner.token });
  if (created.status !== 200) throw new Error(`new folder failed: ${created.status} ${created.text}`);
  if (!parentId) return created.body;
  const moved = await app.http.post(
    `/api/v1/folders/${created.body.id}/update/parent`,
    { parent_id: parentId },
    { token: owner.token },
  );
  if (moved.status !== 200) throw new Error(`folder move failed: ${moved.status} ${moved.text}`);
  return moved.body;
}

/** A chat put into a folder through POST /chats/{id}/folder. */
export async function chatInFolder(app: TestApp, owner: TestUser, title: string, folderId: string): Promise<any> {
  const chat = await newChat(app, owner, title);
  const moved = await app.http.post(`/api/v1/chats/${chat.id}/folder`, { folder_id: folderId }, { token: owner.token });
  if (moved.status !== 200) throw new Error(`move to folder failed: ${moved.status} ${moved.text}`);
  return moved.body;
}

/**
 * The shared setup of the chat suites: a fresh app with the usual users, and request helpers
 * bound to `/api/v1/chats`. Call inside `describe`; read `app` and `cast` inside tests.
 */
export function chatsFixture(env: Record<string, string> = {}) {
  const base = appFixture(env);
  return Object.assign(base, {
    fresh: () => newUser(base.app, base.cast.admin, 'user'),
    get: (path: string, who: TestUser) => base.app.http.get(`/api/v1/chats${path}`, { token: who.token }),
    post: (path: string, body: unknown, who: TestUser) =>
      base.app.http.post(`/api/v1/chats${path}`, body, { token: who.token }),
  });
}
