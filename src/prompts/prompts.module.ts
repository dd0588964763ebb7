import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { UsersModule } from '../users/users.module.js';
import { PromptsController } from './prompts.controller.js';
import { PromptsRepository } from './prompts.repository.js';
import { PromptsService } from './prompts.service.js';

/** Saved slash-command prompts, shared through the resource ACL. */
@Module({
  imports: [UsersModule, GroupsModule, PermissionsModule],
  controllers: [PromptsController],
  providers: [PromptsRepository, PromptsService],
})
export class PromptsModule {}
