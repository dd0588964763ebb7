import type { AccessControl } from '../models/model.entity.js';

/**
 * Open WebUI's resource ACL (contract README §4): `null` = every verified user may read (and only
 * the owner write), `{}` = owner only, otherwise the listed users and groups.
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
