import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiBooleanResponse } from '../common/api-responses.js';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { MemoryContentDto, MemoryDto, MemoryQueryDto, MemoryQueryResultDto } from './dto/memories.dto.js';
import { MemoriesService } from './memories.service.js';

const SCOPE = { scope: 'memories' } as const;

/** `/api/v1/memories`: the caller's own memories only. */
@ApiTags('memories')
@Controller('api/v1/memories')
export class MemoriesController {
  constructor(private readonly memories: MemoriesService) {}

  @Get()
  @Auth(SCOPE)
  @ApiOkResponse({ type: [MemoryDto] })
  listMemories(@Caller() { user }: AuthContext) {
    return this.memories.list(user.id);
  }

  @Post('add')
  @HttpCode(200)
  @Auth(SCOPE)
  @ApiOkResponse({ type: MemoryDto })
  addMemory(@Caller() { user }: AuthContext, @Body() body: MemoryContentDto) {
    return this.memories.add(user.id, body.content);
  }

  @Post('query')
  @HttpCode(200)
  @Auth(SCOPE)
  @ApiOkResponse({ type: MemoryQueryResultDto, description: '404 when the caller has no memories' })
  queryMemories(@Caller() { user }: AuthContext, @Body() body: MemoryQueryDto) {
    return this.memories.query(user.id, body.content, body.k);
  }

  @Post('reset')
  @HttpCode(200)
  @Auth(SCOPE)
  @ApiBooleanResponse("Makes the caller's memory vectors again (nothing to do without an embedding engine)")
  resetMemoryIndex(@Caller() { user }: AuthContext) {
    return this.memories.reindex(user.id);
  }

  @Delete('delete/user')
  @Auth(SCOPE)
  @ApiBooleanResponse()
  deleteAllMemories(@Caller() { user }: AuthContext) {
    return this.memories.deleteAll(user.id);
  }

  @Post(':memory_id/update')
  @HttpCode(200)
  @Auth(SCOPE)
  @ApiOkResponse({ type: MemoryDto })
  updateMemory(@Caller() { user }: AuthContext, @Param('memory_id') id: string, @Body() body: MemoryContentDto) {
    return this.memories.update(user.id, id, body.content);
  }

  @Delete(':memory_id')
  @Auth(SCOPE)
  @ApiBooleanResponse('false when the caller has no such memory')
  deleteMemory(@Caller() { user }: AuthContext, @Param('memory_id') id: string) {
    return this.memories.delete(user.id, id);
  }
}
