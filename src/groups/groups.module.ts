import { Module } from '@nestjs/common';
import { MembershipCache } from './membership-cache.js';
import { GroupsController } from './groups.controller.js';
import { GroupsRepository } from './groups.repository.js';
import { GroupsService } from './groups.service.js';

/**
 * User groups and memberships. The membership cache is a cache of this module's rows (group writes
 * clear it), so it is registered here although its file sits in permissions/.
 */
@Module({
  controllers: [GroupsController],
  providers: [GroupsRepository, GroupsService, MembershipCache],
  exports: [GroupsService],
})
export class GroupsModule {}
