import type { Reachable } from './app.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  role: string;
}

let counter = 0;

/** Signs a new account up through the API (the first one in an app becomes admin). */
export async function signup(
  app: Reachable,
  overrides: { name?: string; email?: string; password?: string } = {},
): Promise<TestUser> {
  counter += 1;
  const email = overrides.email ?? `user${counter}-${Date.now()}@example.com`;
  const password = overrides.password ?? `pw-${counter}-secret`;
  const response = await app.http.post('/api/v1/auths/signup', {
    name: overrides.name ?? `User ${counter}`,
    email,
    password,
  });
  if (response.status !== 200) throw new Error(`signup failed: ${response.status} ${response.text}`);
  return { id: response.body.id, email, password, token: response.body.token, role: response.body.role };
}

/** Creates an account through the admin API with the given role, then signs it in. */
export async function newUser(
  app: Reachable,
  admin: TestUser,
  role: 'pending' | 'user' | 'admin' = 'user',
  name?: string,
): Promise<TestUser> {
  counter += 1;
  const email = `member${counter}-${Date.now()}@example.com`;
  const password = `pw-${counter}-secret`;
  const added = await app.http.post(
    '/api/v1/auths/add',
    { name: name ?? `Member ${counter}`, email, password, role },
    { token: admin.token },
  );
  if (added.status !== 200) throw new Error(`add user failed: ${added.status} ${added.text}`);
  const signin = await app.http.post('/api/v1/auths/signin', { email, password });
  if (signin.status !== 200) throw new Error(`signin failed: ${signin.status} ${signin.text}`);
  return { id: added.body.id, email, password, token: signin.body.token, role };
}

/** The usual cast: an admin (first account), two users and a pending account. */
export async function seedUsers(app: Reachable) {
  const admin = await signup(app, { name: 'Admin' });
  const user = await newUser(app, admin, 'user', 'Alice');
  const other = await newUser(app, admin, 'user', 'Bob');
  const pending = await newUser(app, admin, 'pending', 'Pat');
  return { admin, user, other, pending };
}

/** Turns API keys on (with the permission for everyone) and creates a key for `owner`. */
export async function enableApiKeys(app: Reachable, admin: TestUser) {
  const config = (await app.http.get('/api/v1/auths/admin/config', { token: admin.token })).body;
  await app.http.post('/api/v1/auths/admin/config', { ...config, ENABLE_API_KEYS: true }, { token: admin.token });
  const defaults = (await app.http.get('/api/v1/users/default/permissions', { token: admin.token })).body;
  defaults.features.api_keys = true;
  await app.http.post('/api/v1/users/default/permissions', defaults, { token: admin.token });
}

export async function createApiKey(app: Reachable, owner: TestUser, scopes?: string[]): Promise<string> {
  const response = await app.http.post('/api/v1/auths/api_key', scopes ? { scopes } : undefined, {
    token: owner.token,
  });
  if (response.status !== 200) throw new Error(`api key failed: ${response.status} ${response.text}`);
  return response.body.api_key;
}

/** A group (created by an admin) with these members and feature permissions; returns its id. */
export async function newGroup(
  app: Reachable,
  admin: TestUser,
  members: TestUser[],
  permissions: Record<string, Record<string, boolean>> = {},
): Promise<string> {
  counter += 1;
  const group = await app.http.post(
    '/api/v1/groups/create',
    { name: `Group ${counter}`, description: '', permissions },
    { token: admin.token },
  );
  if (group.status !== 200) throw new Error(`group failed: ${group.status} ${group.text}`);
  const added = await app.http.post(
    `/api/v1/groups/id/${group.body.id}/users/add`,
    { user_ids: members.map((member) => member.id) },
    { token: admin.token },
  );
  if (added.status !== 200) throw new Error(`group members failed: ${added.status} ${added.text}`);
  return group.body.id as string;
}
