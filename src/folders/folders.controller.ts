import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiBooleanResponse } from '../common/api-responses.js';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import {
  CreateFolderDto,
  DeleteFolderQueryDto,
  FolderDto,
  FolderExpandedDto,
  FolderNameIdDto,
  FolderParentDto,
  UpdateFolderDto,
} from './dto/folders.dto.js';
import { FoldersService } from './folders.service.js';

const READ = { scope: 'chats:read' } as const;
const WRITE = { scope: 'chats:write' } as const;

@ApiTags('folders')
@Controller('api/v1/folders')
export class FoldersController {
  constructor(private readonly folders: FoldersService) {}

  @Get()
  @Auth(READ)
  @ApiOkResponse({ type: [FolderNameIdDto] })
  listFolders(@Caller() { user }: AuthContext) {
    return this.folders.list(user);
  }

  @Post()
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: FolderDto })
  createFolder(@Caller() { user }: AuthContext, @Body() body: CreateFolderDto) {
    return this.folders.create(user, body);
  }

  @Get(':id')
  @Auth(READ)
  @ApiOkResponse({ type: FolderDto })
  getFolder(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.folders.get(user, id);
  }

  @Post(':id/update')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: FolderDto })
  updateFolder(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: UpdateFolderDto) {
    return this.folders.update(user, id, body);
  }

  @Post(':id/update/parent')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: FolderDto })
  moveFolder(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: FolderParentDto) {
    return this.folders.move(user, id, body.parent_id);
  }

  @Post(':id/update/expanded')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: FolderDto })
  setFolderExpanded(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: FolderExpandedDto) {
    return this.folders.setExpanded(user, id, body.is_expanded);
  }

  @Delete(':id')
  @Auth(WRITE)
  @ApiBooleanResponse()
  deleteFolder(@Caller() { user }: AuthContext, @Param('id') id: string, @Query() q: DeleteFolderQueryDto) {
    return this.folders.delete(user, id, q.delete_contents !== 'false');
  }
}
