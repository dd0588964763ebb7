import { Injectable } from '@nestjs/common';
import { GroupsService } from '../groups/groups.service.js';
import { SettingsService } from '../settings/settings.service.js';
import {
  fillPermissions,
  mergeGroupPermissions,
  type PartialPermissionTree,
  type PermissionTree,
} from '../config/permission-tree.js';

/** Effective feature permissions: the admin's default tree OR-merged with the user's groups. */
@Injectable()
export class PermissionsService {
  constructor(
    private readonly settings: SettingsService,
    private readonly groups: GroupsService,
  ) {}

  defaults(): PermissionTree {
    return this.settings.get().permissions;
  }

  /** Saves the default tree (filled with any keys the body lacks) and returns it. */
  async updateDefaults(tree: PartialPermissionTree): Promise<PermissionTree> {
    const permissions = fillPermissions(tree, this.settings.get().permissions);
    await this.settings.update({ permissions });
    return permissions;
  }

  async effective(userId: string): Promise<PermissionTree> {
    const { trees } = await this.groups.membership(userId);
    return mergeGroupPermissions(this.defaults(), trees);
  }

  /** `features.api_keys`-style check; note it has no admin bypass, as upstream's has_permission. */
  async has(userId: string, section: keyof PermissionTree, key: string): Promise<boolean> {
    return (await this.effective(userId))[section][key] === true;
  }
}
