import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiBooleanResponse } from '../common/api-responses.js';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { GroupFormDto, GroupListQueryDto, GroupMembersDto, GroupResponseDto } from './dto/groups.dto.js';
import { GroupsService } from './groups.service.js';

@ApiTags('groups')
@Controller('api/v1/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @Auth({ scope: 'users:read' })
  @ApiOkResponse({ type: [GroupResponseDto] })
  listGroups(@Caller() caller: AuthContext, @Query() query: GroupListQueryDto) {
    return this.groups.list(caller.user, query.share === undefined ? undefined : query.share === 'true');
  }

  @Post('create')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: GroupResponseDto })
  createGroup(@Caller() caller: AuthContext, @Body() body: GroupFormDto) {
    return this.groups.create(caller.user, body);
  }

  @Get('id/:id')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: GroupResponseDto })
  getGroup(@Param('id') id: string) {
    return this.groups.get(id);
  }

  @Post('id/:id/update')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: GroupResponseDto })
  updateGroup(@Param('id') id: string, @Body() body: GroupFormDto) {
    return this.groups.update(id, body);
  }

  @Post('id/:id/users/add')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: GroupResponseDto })
  addGroupMembers(@Param('id') id: string, @Body() body: GroupMembersDto) {
    return this.groups.addMembers(id, body.user_ids);
  }

  @Post('id/:id/users/remove')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: GroupResponseDto })
  removeGroupMembers(@Param('id') id: string, @Body() body: GroupMembersDto) {
    return this.groups.removeMembers(id, body.user_ids);
  }

  @Delete('id/:id/delete')
  @Auth({ role: 'admin' })
  @ApiBooleanResponse()
  deleteGroup(@Param('id') id: string) {
    return this.groups.delete(id);
  }
}
