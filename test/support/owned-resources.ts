import type { TestApp } from './app.js';
import { chatJson } from './chats.js';
import type { TestUser } from './factories.js';
import { uploadFile } from './files.js';

/** Real ids of each kind of resource, by the name routes give their path parameter. */
export type ResourceIds = Record<string, string[]>;

async function created(app: TestApp, who: TestUser, path: string, body: unknown): Promise<any> {
  const response = await app.http.post(path, body, { token: who.token });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text.slice(0, 300)}`);
  return response.body;
}

/**
 * One of everything owned by `who` (chat with messages and a share link, folder, file, memory,
 * prompt, feedback, knowledge base, and for an admin a group), so generated requests reach
 * the code behind the existence checks as well as the checks themselves.
 */
export async function seedResources(app: TestApp, who: TestUser, index: number): Promise<ResourceIds> {
  const folder = await created(app, who, '/api/v1/folders/', { name: `Folder ${index}` });
  const chatBody = chatJson(`Chat ${index}`);
  const chat = await created(app, who, '/api/v1/chats/new', { chat: chatBody, folder_id: folder.id });
  const share = await created(app, who, `/api/v1/chats/${chat.id}/share`, undefined);
  await created(app, who, `/api/v1/chats/${chat.id}/tags`, { name: `tag-${index}` });
  const upload = await uploadFile(app, {
    name: `notes-${index}.txt`,
    content: 'Freedonia is a country.',
    token: who.token,
  });
  if (upload.status !== 200) throw new Error(`upload: ${upload.status} ${upload.text}`);
  const memory = await created(app, who, '/api/v1/memories/add', { content: `Memory ${index}` });
  const prompt = await created(app, who, '/api/v1/prompts/create', {
    command: `/cmd-${index}`,
    title: 'Greet',
    content: 'Hello',
  });
  const feedback = await created(app, who, '/api/v1/evaluations/feedback', {
    type: 'rating',
    data: { rating: 1 },
    meta: { chat_id: chat.id },
  });
  const ids: ResourceIds = {
    chat: [chat.id],
    message: Object.keys((chatBody.history as { messages: Record<string, unknown> }).messages),
    share: [share.share_id ?? share.id],
    folder: [folder.id],
    file: [upload.body.id],
    file_name: [`notes-${index}.txt`],
    memory: [memory.id],
    command: [String(prompt.command).replace(/^\//, '')],
    feedback: [feedback.id],
    user: [who.id],
  };
  ids.knowledge = [(await created(app, who, '/api/v1/knowledge/create', { name: 'KB', description: 'About' })).id];
  if (who.role === 'admin') {
    ids.group = [(await created(app, who, '/api/v1/groups/create', { name: 'Group', description: 'G' })).id];
  }
  return ids;
}

export function mergeIds(...all: ResourceIds[]): ResourceIds {
  const merged: ResourceIds = {};
  for (const ids of all) for (const [kind, list] of Object.entries(ids)) (merged[kind] ??= []).push(...list);
  return merged;
}

/** Which kind of resource a path parameter names: by its own name, or by the collection it follows. */
export function resourceKind(path: string, param: string): string | undefined {
  const byName: Record<string, string> = {
    chat_id: 'chat',
    message_id: 'message',
    share_id: 'share',
    folder_id: 'folder',
    memory_id: 'memory',
    user_id: 'user',
    command: 'command',
    file_name: 'file_name',
  };
  if (byName[param]) return byName[param];
  const collection = path.replace(/^\/api\/v1\//, '').split('/')[0];
  const byCollection: Record<string, string> = {
    chats: 'chat',
    folders: 'folder',
    files: 'file',
    knowledge: 'knowledge',
    groups: 'group',
    evaluations: 'feedback',
  };
  return byCollection[collection];
}
