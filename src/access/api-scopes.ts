import type { Role } from '../config/app-config.js';

/**
 * What an API key may do. Routes name the scope they need (`@Auth({ scope })`); admin routes also
 * need `admin`. `*` grants every scope the owner's role allows.
 */
export const API_SCOPES = [
  '*',
  'admin',
  'profile',
  'users:read',
  'chats:read',
  'chats:write',
  'models:read',
  'prompts:read',
  'prompts:write',
  'memories',
  'completions',
  'files:read',
  'files:write',
  'feedbacks:read',
  'feedbacks:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Scopes only admins may put on a key. */
const ADMIN_ONLY_SCOPES: readonly ApiScope[] = ['admin'];

export function scopesAllowedFor(role: Role): ApiScope[] {
  return API_SCOPES.filter((scope) => role === 'admin' || !ADMIN_ONLY_SCOPES.includes(scope));
}

export function keyHasScope(keyScopes: readonly string[], needed: ApiScope): boolean {
  return keyScopes.includes('*') || keyScopes.includes(needed);
}
