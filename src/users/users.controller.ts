import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiBooleanResponse, ApiImageResponse } from '../common/api-responses.js';
import type { Response } from 'express';
import type { AuthContext } from '../access/auth-context.js';
import type { UserEntity } from './user.entity.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { JsonObjectPipe } from '../common/json-object.pipe.js';
import { GroupsService } from '../groups/groups.service.js';
import { GroupModelDto } from '../groups/dto/groups.dto.js';
import { PermissionTreeDto } from '../permissions/dto/permissions.dto.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import {
  AdminUpdateUserDto,
  UserListQueryDto,
  UserListResponseDto,
  UserModelDto,
  UserProfileDto,
  UserSearchQueryDto,
  UserSearchResponseDto,
  UserSummaryListDto,
} from './dto/users.dto.js';
import { ActiveDto, ActiveUsersDto } from './dto/active.dto.js';
import { UsersService } from './users.service.js';

const JSON_OBJECT = { schema: { type: 'object', additionalProperties: true, example: { ui: { theme: 'dark' } } } };

/** Literal paths are declared before `/:user_id` so they win: the first matching route answers. */
@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly groups: GroupsService,
    private readonly permissions: PermissionsService,
  ) {}

  @Get()
  @Auth({ role: 'admin', scope: 'users:read' })
  @ApiOkResponse({ type: UserListResponseDto })
  listUsers(@Query() query: UserListQueryDto) {
    return this.users.list(query);
  }

  @Get('all')
  @Auth({ role: 'admin', scope: 'users:read' })
  @ApiOkResponse({ type: UserSummaryListDto })
  listAllUsers() {
    return this.users.all();
  }

  @Get('active')
  @Auth({ scope: 'users:read' })
  @ApiOkResponse({ type: ActiveUsersDto })
  getActiveUsers() {
    return this.users.active();
  }

  @Get('search')
  @Auth({ scope: 'users:read' })
  @ApiOkResponse({ type: UserSearchResponseDto })
  searchUsers(@Query() query: UserSearchQueryDto) {
    return this.users.search(query.query);
  }

  @Get('groups')
  @Auth({ scope: 'profile' })
  @ApiOkResponse({ type: [GroupModelDto] })
  getMyGroups(@Caller() caller: AuthContext) {
    return this.groups.listForUser(caller.user.id);
  }

  @Get('permissions')
  @Auth({ scope: 'profile' })
  @ApiOkResponse({ type: PermissionTreeDto })
  getMyPermissions(@Caller() caller: AuthContext) {
    return this.permissions.effective(caller.user.id);
  }

  @Get('default/permissions')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: PermissionTreeDto })
  getDefaultPermissions() {
    return this.permissions.defaults();
  }

  @Post('default/permissions')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: PermissionTreeDto })
  updateDefaultPermissions(@Body() body: PermissionTreeDto) {
    return this.permissions.updateDefaults(body);
  }

  @Get('user/settings')
  @Auth({ scope: 'profile' })
  @ApiOkResponse({ ...JSON_OBJECT, description: 'The saved settings, or null' })
  getMySettings(@Caller() caller: AuthContext) {
    return this.users.settings(caller.user.id);
  }

  @Post('user/settings/update')
  @HttpCode(200)
  @Auth({ scope: 'profile' })
  @ApiBody(JSON_OBJECT)
  @ApiOkResponse(JSON_OBJECT)
  updateMySettings(@Caller() caller: AuthContext<UserEntity>, @Body(JsonObjectPipe) body: Record<string, unknown>) {
    return this.users.updateSettings(caller.user, body);
  }

  @Get('user/info')
  @Auth({ scope: 'profile' })
  @ApiOkResponse({ ...JSON_OBJECT, description: 'The saved info, or null' })
  getMyInfo(@Caller() caller: AuthContext) {
    return this.users.info(caller.user.id);
  }

  @Post('user/info/update')
  @HttpCode(200)
  @Auth({ scope: 'profile' })
  @ApiBody(JSON_OBJECT)
  @ApiOkResponse(JSON_OBJECT)
  updateMyInfo(@Caller() caller: AuthContext<UserEntity>, @Body(JsonObjectPipe) body: Record<string, unknown>) {
    return this.users.updateInfo(caller.user, body);
  }

  @Get(':user_id')
  @Auth({ scope: 'users:read' })
  @ApiOkResponse({ type: UserProfileDto })
  getUserProfile(@Param('user_id') userId: string) {
    return this.users.profile(userId);
  }

  @Get(':user_id/active')
  @Auth({ scope: 'users:read' })
  @ApiOkResponse({ type: ActiveDto })
  getUserActive(@Param('user_id') userId: string) {
    return this.users.isActive(userId);
  }

  @Get(':user_id/profile/image')
  @Auth({ scope: 'users:read' })
  @ApiImageResponse('The image bytes', ['image/png', 'image/jpeg', 'image/webp'])
  async getUserProfileImage(@Param('user_id') userId: string, @Res() res: Response) {
    const image = await this.users.profileImage(userId);
    if (image.redirect) return res.redirect(302, image.redirect);
    res
      .type(image.contentType ?? 'image/png')
      .set('Cache-Control', 'private, max-age=300')
      .send(image.image);
  }

  @Post(':user_id/update')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: UserModelDto })
  updateUser(@Caller() caller: AuthContext, @Param('user_id') userId: string, @Body() body: AdminUpdateUserDto) {
    return this.users.adminUpdate(caller.user, userId, body);
  }

  @Delete(':user_id')
  @Auth({ role: 'admin' })
  @ApiBooleanResponse()
  deleteUser(@Caller() caller: AuthContext, @Param('user_id') userId: string) {
    return this.users.delete(caller.user, userId);
  }

  @Get(':user_id/groups')
  @Auth({ role: 'admin', scope: 'users:read' })
  @ApiOkResponse({ type: [GroupModelDto] })
  getUserGroups(@Param('user_id') userId: string) {
    return this.groups.listForUser(userId);
  }
}
