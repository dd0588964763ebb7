import { Module } from '@nestjs/common';
import { MembershipCache } from './membership-cache.js';
import { GroupsController } from './groups.controller.js';
import { GroupsRepository } from './groups.repository.js';
import { GroupsService } from './groups.service.js';

/** User groups and memberships, with the membership cache that group writes clear. */
@Module({
  controllers: [GroupsController],
  providers: [GroupsRepository, GroupsService, MembershipCache],
  exports: [GroupsService],
})
export class GroupsModule {}
