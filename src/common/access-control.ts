/** Who may read and who may write a shared resource, by user and by group. */
export interface AccessControl {
  read?: { group_ids?: string[]; user_ids?: string[] };
  write?: { group_ids?: string[]; user_ids?: string[] };
}

/**
 * Open WebUI's resource ACL (the `access_control` JSON of models, prompts, files…): `null` = every
 * verified user may read (and only the owner write), `{}` = owner only, otherwise the listed users
 * and groups.
 */
export function hasAccess(
  access: AccessControl | null | undefined,
  permission: 'read' | 'write',
  user: { id: string; groupIds: string[] },
): boolean {
  if (access === null || access === undefined) return permission === 'read';
  const grant = access[permission];
  if (!grant) return false;
  return (grant.user_ids ?? []).includes(user.id) || (grant.group_ids ?? []).some((id) => user.groupIds.includes(id));
}

/** A row shared through the ACL: its owner, and who else may read or write it. */
export interface SharedRow {
  user_id: string;
  access_control: AccessControl | null;
}

/** Owner, or a grant; whoever may write a resource may also read it. */
export function granted(row: SharedRow, permission: 'read' | 'write', user: { id: string; groupIds: string[] }) {
  if (row.user_id === user.id || hasAccess(row.access_control, permission, user)) return true;
  return permission === 'read' && hasAccess(row.access_control, 'write', user);
}

const idList = (value: unknown): string[] =>
  Array.isArray(value) ? [...new Set(value.filter((id): id is string => typeof id === 'string'))] : [];

/**
 * A client's `access_control` reduced to the shape `hasAccess` relies on (id lists of strings only),
 * so junk such as `{read:{user_ids:"abc"}}` cannot turn into a substring match later.
 */
export function normalizeAccess(input: unknown): AccessControl | null {
  if (input === null || input === undefined) return null;
  if (typeof input !== 'object' || Array.isArray(input)) return {};
  const access: AccessControl = {};
  for (const permission of ['read', 'write'] as const) {
    const grant = (input as Record<string, unknown>)[permission];
    if (grant && typeof grant === 'object') {
      const { group_ids, user_ids } = grant as Record<string, unknown>;
      access[permission] = { group_ids: idList(group_ids), user_ids: idList(user_ids) };
    }
  }
  return access;
}

/**
 * What a non-admin may actually store: public needs the `sharing.public_*` permission and grants to
 * others need `sharing.*`; without them the resource stays private (`{}`), as the SPA hides those
 * options from such users anyway.
 */
export function grantableAccess(
  access: AccessControl | null,
  may: { share: boolean; sharePublic: boolean },
): AccessControl | null {
  if (access === null) return may.sharePublic ? null : {};
  const grants = [access.read, access.write].some((g) => (g?.group_ids?.length ?? 0) + (g?.user_ids?.length ?? 0) > 0);
  return grants && !may.share ? {} : access;
}
