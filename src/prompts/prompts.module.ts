import { Module } from '@nestjs/common';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { UsersModule } from '../users/users.module.js';
import { PromptsController } from './prompts.controller.js';
import { PromptsRepository } from './prompts.repository.js';
import { PromptsService } from './prompts.service.js';

/** Saved slash-command prompts, shared through the resource ACL. */
@Module({
  imports: [UsersModule, PermissionsModule],
  controllers: [PromptsController],
  providers: [PromptsRepository, PromptsService],
})
export class PromptsModule {}
