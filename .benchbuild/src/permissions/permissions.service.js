var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { GroupsRepository } from '../groups/groups.repository.js';
import { SettingsService } from '../settings/settings.service.js';
import { fillPermissions, mergeGroupPermissions, } from './permission-tree.js';
/** Effective feature permissions: the admin's default tree OR-merged with the user's groups. */
let PermissionsService = class PermissionsService {
    constructor(settings, groups) {
        this.settings = settings;
        this.groups = groups;
    }
    defaults() {
        return this.settings.get().permissions;
    }
    /** Saves the default tree (filled with any keys the body lacks) and returns it. */
    async updateDefaults(tree) {
        const permissions = fillPermissions(tree, this.settings.get().permissions);
        await this.settings.update({ permissions });
        return permissions;
    }
    async effective(userId) {
        const groups = await this.groups.listForUser(userId);
        return mergeGroupPermissions(this.defaults(), groups.map((group) => group.permissions));
    }
    /** `features.api_keys`-style check; note it has no admin bypass, as upstream's has_permission. */
    async has(userId, section, key) {
        return (await this.effective(userId))[section][key] === true;
    }
};
PermissionsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [SettingsService,
        GroupsRepository])
], PermissionsService);
export { PermissionsService };
//# sourceMappingURL=permissions.service.js.map