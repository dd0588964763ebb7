var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { PasswordService } from '../auth/password.service.js';
import { GroupsController } from '../groups/groups.controller.js';
import { GroupsRepository } from '../groups/groups.repository.js';
import { GroupsService } from '../groups/groups.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
/** Identity data: users, groups, permissions and the keys and passwords that belong to users. */
let UsersModule = class UsersModule {
};
UsersModule = __decorate([
    Module({
        controllers: [UsersController, GroupsController],
        providers: [
            UsersRepository,
            UsersService,
            GroupsRepository,
            GroupsService,
            PermissionsService,
            PasswordService,
            ApiKeysService,
        ],
        exports: [UsersRepository, GroupsRepository, PermissionsService, PasswordService, ApiKeysService],
    })
], UsersModule);
export { UsersModule };
//# sourceMappingURL=users.module.js.map