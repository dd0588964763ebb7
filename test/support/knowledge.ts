import assert from 'node:assert/strict';
import type { Reachable } from './app.js';
import type { TestUser } from './factories.js';
import { followStatus, uploadFile } from './files.js';

export const FILE_NOT_PROCESSED =
  'Extracted content is not available for this file. Please ensure that the file is processed before proceeding.';
export const FILE_ALREADY_ADDED = 'The file is already in this knowledge base.';
export const KNOWLEDGE_KEYS = [
  'access_control',
  'created_at',
  'data',
  'description',
  'files',
  'id',
  'meta',
  'name',
  'updated_at',
  'user_id',
];
export const FILE_METADATA_KEYS = ['created_at', 'hash', 'id', 'meta', 'updated_at'];

/** Creates a knowledge base as `who` (who needs workspace.knowledge unless an admin) and returns it. */
export async function createKnowledge(
  app: Reachable,
  who: TestUser,
  name: string,
  access_control: unknown = {},
): Promise<Record<string, any>> {
  const response = await app.http.post(
    '/api/v1/knowledge/create',
    { name, description: `About ${name}`, access_control },
    { token: who.token },
  );
  assert.equal(response.status, 200, response.text);
  return response.body;
}

/** Uploads a text file as `who` and waits for processing to complete; returns its id. */
export async function processedFile(app: Reachable, who: TestUser, name: string, content: string): Promise<string> {
  const upload = await uploadFile(app, { name, content, token: who.token });
  assert.equal(upload.status, 200, upload.text);
  const id = upload.body.id as string;
  assert.equal((await followStatus(app, id, who.token)).at(-1)?.status, 'completed');
  return id;
}

export async function addFile(app: Reachable, who: TestUser, knowledgeId: string, fileId: string) {
  return app.http.post(`/api/v1/knowledge/${knowledgeId}/file/add`, { file_id: fileId }, { token: who.token });
}

/** The documents a query of one collection finds, as `who`. */
export async function queryDocuments(app: Reachable, who: TestUser, collection: string, query: string) {
  const response = await app.http.post(
    '/api/v1/retrieval/query/doc',
    { collection_name: collection, query },
    { token: who.token },
  );
  assert.equal(response.status, 200, response.text);
  return response.body.documents[0] as string[];
}
