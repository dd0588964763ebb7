import { Injectable } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import {
  type AccessControl,
  grantableAccess,
  granted,
  normalizeAccess,
  type SharedRow,
} from '../common/access-control.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { GroupsService } from '../groups/groups.service.js';
import { PermissionsService } from './permissions.service.js';

/** A kind of shared resource, named as its `sharing.{kind}` and `sharing.public_{kind}` permissions. */
export type SharedKind = 'prompts' | 'knowledge';

/**
 * Open WebUI's resource ACL applied to a caller (common/access-control.ts): who may read or write
 * a shared row, and what ACL a caller may give one, with their groups and sharing permissions.
 */
@Injectable()
export class ResourceAccess {
  constructor(
    private readonly groups: GroupsService,
    private readonly permissions: PermissionsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * The rows the caller may read (`read`) or edit (`write`); admins get them all while
   * BYPASS_ADMIN_ACCESS_CONTROL is on. Filtered here, not in SQL: the ACL is JSON whose querying
   * differs per database, and these tables stay small.
   */
  async filter<T extends SharedRow>(user: CallerUser, rows: T[], permission: 'read' | 'write'): Promise<T[]> {
    if (user.role === 'admin' && this.config.features.bypassAdminAccessControl) return rows;
    const who = await this.subject(user);
    return rows.filter((row) => granted(row, permission, who));
  }

  /** Admins, the owner, and grantees may; a write grant also lets one read. */
  async may(user: CallerUser, row: SharedRow, permission: 'read' | 'write'): Promise<boolean> {
    if (user.role === 'admin' || row.user_id === user.id) return true;
    return granted(row, permission, await this.subject(user));
  }

  /**
   * The ACL a new row gets: non-admins need `sharing.public_{kind}` to make it public and
   * `sharing.{kind}` to grant it to others; otherwise it is stored private (`{}`).
   */
  async allowed(user: CallerUser, kind: SharedKind, input: unknown): Promise<AccessControl | null> {
    const access = normalizeAccess(input);
    if (user.role === 'admin') return access;
    const [share, sharePublic] = await Promise.all([
      this.permissions.has(user.id, 'sharing', kind),
      this.permissions.has(user.id, 'sharing', `public_${kind}`),
    ]);
    return grantableAccess(access, { share, sharePublic });
  }

  /**
   * The ACL after an edit. Omitted or resent unchanged, it stays, so a co-editor without sharing
   * rights cannot make a shared row private by saving it; and only the owner (or an admin) decides
   * who else sees it: a co-editor's change is ignored rather than turned into "private", which
   * would lock everyone else out.
   */
  async changed(user: CallerUser, kind: SharedKind, row: SharedRow, input: unknown): Promise<AccessControl | null> {
    if (input === undefined) return row.access_control;
    const same = JSON.stringify(normalizeAccess(input)) === JSON.stringify(normalizeAccess(row.access_control));
    if (same) return row.access_control;
    if (user.role !== 'admin' && row.user_id !== user.id) return row.access_control;
    return this.allowed(user, kind, input);
  }

  private async subject(user: CallerUser) {
    return { id: user.id, groupIds: (await this.groups.membership(user.id)).groupIds };
  }
}
