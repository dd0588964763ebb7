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
    'completions',
    'files:read',
    'files:write',
];
/** Scopes only admins may put on a key. */
const ADMIN_ONLY_SCOPES = ['admin'];
export function scopesAllowedFor(role) {
    return API_SCOPES.filter((scope) => role === 'admin' || !ADMIN_ONLY_SCOPES.includes(scope));
}
export function keyHasScope(keyScopes, needed) {
    return keyScopes.includes('*') || keyScopes.includes(needed);
}
//# sourceMappingURL=api-scopes.js.map