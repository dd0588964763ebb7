import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiBooleanResponse } from '../common/api-responses.js';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { ChatActionsService } from './chat-actions.service.js';
import { ChatsService } from './chats.service.js';
import {
  ChatFormDto,
  ChatListQueryDto,
  ChatQueryDto,
  ChatResponseDto,
  ChatSearchQueryDto,
  ChatTitleDto,
  CloneChatDto,
  FolderChatTitleDto,
  ImportChatsDto,
  MessageContentDto,
  MessageEventDto,
  MoveChatDto,
  PageQueryDto,
  TagDto,
  TagFilterDto,
  TagNameDto,
} from './dto/chats.dto.js';

const READ = { scope: 'chats:read' } as const;
const WRITE = { scope: 'chats:write' } as const;

/** Literal paths come before `/:id` routes so they win: the first matching route answers. */
@ApiTags('chats')
@Controller('api/v1/chats')
export class ChatsController {
  constructor(
    private readonly chats: ChatsService,
    private readonly actions: ChatActionsService,
  ) {}

  @Get(['', 'list'])
  @Auth(READ)
  @ApiOkResponse({ type: [ChatTitleDto] })
  listChats(@Caller() { user }: AuthContext, @Query() q: ChatListQueryDto) {
    return this.chats.list(user, {
      page: q.page,
      includePinned: q.include_pinned === 'true',
      includeFolders: q.include_folders === 'true',
    });
  }

  @Delete()
  @Auth(WRITE)
  @ApiBooleanResponse()
  deleteAllChats(@Caller() { user }: AuthContext) {
    return this.chats.deleteAll(user);
  }

  @Get('list/user/:user_id')
  @Auth({ role: 'admin', ...READ })
  @ApiOkResponse({ type: [ChatTitleDto] })
  listUserChats(@Caller() { user }: AuthContext, @Param('user_id') userId: string, @Query() q: ChatQueryDto) {
    return this.chats.listForUser(user, userId, q);
  }

  @Post('new')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ChatResponseDto })
  createChat(@Caller() { user }: AuthContext, @Body() body: ChatFormDto) {
    return this.chats.create(user, body);
  }

  @Post('import')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: [ChatResponseDto] })
  importChats(@Caller() { user }: AuthContext, @Body() body: ImportChatsDto) {
    return this.chats.import(user, body.chats);
  }

  @Get('search')
  @Auth(READ)
  @ApiOkResponse({ type: [ChatTitleDto] })
  searchChats(@Caller() { user }: AuthContext, @Query() q: ChatSearchQueryDto) {
    return this.chats.search(user, q.text, q.page);
  }

  @Get('folder/:folder_id')
  @Auth(READ)
  @ApiOkResponse({ type: [ChatResponseDto] })
  getFolderChats(@Caller() { user }: AuthContext, @Param('folder_id') folderId: string) {
    return this.chats.inFolder(user, folderId);
  }

  @Get('folder/:folder_id/list')
  @Auth(READ)
  @ApiOkResponse({ type: [FolderChatTitleDto] })
  listFolderChats(@Caller() { user }: AuthContext, @Param('folder_id') folderId: string, @Query() q: PageQueryDto) {
    return this.chats.inFolderPage(user, folderId, q.page);
  }

  @Get('pinned')
  @Auth(READ)
  @ApiOkResponse({ type: [ChatTitleDto] })
  listPinnedChats(@Caller() { user }: AuthContext) {
    return this.chats.pinned(user);
  }

  @Get('all')
  @Auth(READ)
  @ApiOkResponse({ type: [ChatResponseDto] })
  exportChats(@Caller() { user }: AuthContext) {
    return this.chats.all(user);
  }

  @Get('all/archived')
  @Auth(READ)
  @ApiOkResponse({ type: [ChatResponseDto] })
  exportArchivedChats(@Caller() { user }: AuthContext) {
    return this.chats.allArchived(user);
  }

  @Get('all/tags')
  @Auth(READ)
  @ApiOkResponse({ type: [TagDto] })
  listAllTags(@Caller() { user }: AuthContext) {
    return this.chats.allTags(user);
  }

  @Get('all/db')
  @Auth({ role: 'admin', ...READ })
  @ApiOkResponse({ type: [ChatResponseDto] })
  exportAllChatsInDatabase(@Caller() { user }: AuthContext) {
    return this.chats.allInDatabase(user);
  }

  @Get('archived')
  @Auth(READ)
  @ApiOkResponse({ type: [ChatTitleDto] })
  listArchivedChats(@Caller() { user }: AuthContext, @Query() q: ChatQueryDto) {
    return this.chats.archived(user, q);
  }

  @Post('archive/all')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiBooleanResponse()
  archiveAllChats(@Caller() { user }: AuthContext) {
    return this.chats.archiveAll(user, true);
  }

  @Post('unarchive/all')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiBooleanResponse()
  unarchiveAllChats(@Caller() { user }: AuthContext) {
    return this.chats.archiveAll(user, false);
  }

  @Get('share/:share_id')
  @Auth(READ)
  @ApiOkResponse({ type: ChatResponseDto })
  getSharedChat(@Caller() { user }: AuthContext, @Param('share_id') shareId: string) {
    return this.actions.shared(user, shareId);
  }

  @Post('tags')
  @HttpCode(200)
  @Auth(READ)
  @ApiOkResponse({ type: [ChatTitleDto] })
  listChatsByTag(@Caller() { user }: AuthContext, @Body() body: TagFilterDto) {
    return this.chats.byTag(user, body.name, body.skip, body.limit);
  }

  @Get(':id')
  @Auth(READ)
  @ApiOkResponse({ type: ChatResponseDto })
  getChat(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.get(user, id);
  }

  @Post(':id')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ChatResponseDto })
  updateChat(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: ChatFormDto) {
    return this.actions.update(user, id, body.chat);
  }

  @Post(':id/messages/:message_id')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ChatResponseDto })
  upsertChatMessage(
    @Caller() { user }: AuthContext,
    @Param('id') id: string,
    @Param('message_id') messageId: string,
    @Body() body: MessageContentDto,
  ) {
    return this.actions.upsertMessage(user, id, messageId, body.content);
  }

  @Post(':id/messages/:message_id/event')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiBooleanResponse()
  sendChatMessageEvent(
    @Caller() { user }: AuthContext,
    @Param('id') id: string,
    @Param('message_id') messageId: string,
    @Body() body: MessageEventDto,
  ) {
    return this.actions.messageEvent(user, id, messageId, body.type, body.data ?? {});
  }

  @Delete(':id')
  @Auth(WRITE)
  @ApiBooleanResponse()
  deleteChat(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.delete(user, id);
  }

  @Get(':id/pinned')
  @Auth(READ)
  @ApiBooleanResponse()
  getChatPinned(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.isPinned(user, id);
  }

  @Post(':id/pin')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ChatResponseDto })
  pinChat(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.togglePin(user, id);
  }

  @Post(':id/clone')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiBody({ type: CloneChatDto, required: false })
  @ApiOkResponse({ type: ChatResponseDto })
  cloneChat(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: CloneChatDto) {
    return this.actions.clone(user, id, body.title);
  }

  @Post(':id/clone/shared')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ChatResponseDto })
  cloneSharedChat(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.cloneShared(user, id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ChatResponseDto })
  archiveChat(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.toggleArchive(user, id);
  }

  @Post(':id/share')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ChatResponseDto })
  shareChat(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.share(user, id);
  }

  @Delete(':id/share')
  @Auth(WRITE)
  @ApiBooleanResponse()
  unshareChat(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.unshare(user, id);
  }

  @Post(':id/folder')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ChatResponseDto })
  moveChatToFolder(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: MoveChatDto) {
    return this.actions.moveToFolder(user, id, body.folder_id);
  }

  @Get(':id/tags')
  @Auth(READ)
  @ApiOkResponse({ type: [TagDto] })
  getChatTags(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.chatTags(user, id);
  }

  @Post(':id/tags')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: [TagDto] })
  addChatTag(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: TagNameDto) {
    return this.actions.addTag(user, id, body.name);
  }

  @Delete(':id/tags')
  @Auth(WRITE)
  @ApiOkResponse({ type: [TagDto] })
  removeChatTag(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: TagNameDto) {
    return this.actions.removeTag(user, id, body.name);
  }

  @Delete(':id/tags/all')
  @Auth(WRITE)
  @ApiBooleanResponse()
  removeAllChatTags(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.actions.removeAllTags(user, id);
  }
}
