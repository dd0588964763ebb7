import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { ApiBooleanResponse } from '../common/api-responses.js';
import { DtoListPipe } from '../common/dto-list.pipe.js';
import { flag } from '../common/validators.js';
import {
  KnowledgeBatchDto,
  KnowledgeFileIdDto,
  KnowledgeFilesDto,
  KnowledgeFormDto,
  KnowledgeListItemDto,
  KnowledgeUpdateDto,
  RemoveKnowledgeFileQueryDto,
} from './dto/knowledge.dto.js';
import { KnowledgeFilesService } from './knowledge-files.service.js';
import { KnowledgeReindexJobs } from './knowledge-reindex.jobs.js';
import { KnowledgeService } from './knowledge.service.js';

// A knowledge base is a collection of files: API keys reach it with the files scopes.
const READ = { scope: 'files:read' } as const;
const WRITE = { scope: 'files:write' } as const;
const ADMIN = { role: 'admin', scope: 'admin' } as const;
const BATCH_MAX = 1000;

const NOT_FOUND = 'Missing, or not the caller’s to read (404); a reader without write access gets 403';

/** `/api/v1/knowledge`: knowledge bases, their files, and who may see them. */
@ApiTags('knowledge')
@Controller('api/v1/knowledge')
export class KnowledgeController {
  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly knowledgeFiles: KnowledgeFilesService,
    private readonly reindexJobs: KnowledgeReindexJobs,
  ) {}

  @Get()
  @Auth(READ)
  @ApiOkResponse({ type: [KnowledgeListItemDto], description: 'Knowledge bases the caller may read' })
  listKnowledge(@Caller() { user }: AuthContext) {
    return this.knowledge.list(user, 'read');
  }

  @Get('list')
  @Auth(READ)
  @ApiOkResponse({ type: [KnowledgeListItemDto], description: 'Knowledge bases the caller may edit' })
  listWritableKnowledge(@Caller() { user }: AuthContext) {
    return this.knowledge.list(user, 'write');
  }

  @Post('create')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: KnowledgeFilesDto, description: 'Non-admins need workspace.knowledge (401)' })
  createKnowledge(@Caller() { user }: AuthContext, @Body() body: KnowledgeFormDto) {
    return this.knowledge.create(user, body);
  }

  @Post('reindex')
  @HttpCode(200)
  @Auth(ADMIN)
  @ApiBooleanResponse(
    "Queues the job that rebuilds every knowledge base's collection from its files (`job:progress` events)",
  )
  reindexKnowledge(@Caller() { user }: AuthContext) {
    return this.reindexJobs.start(user.id);
  }

  @Get(':id')
  @Auth(READ)
  @ApiOkResponse({ type: KnowledgeFilesDto, description: NOT_FOUND })
  getKnowledge(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.knowledge.get(user, id);
  }

  @Post(':id/update')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: KnowledgeFilesDto, description: NOT_FOUND })
  updateKnowledge(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: KnowledgeUpdateDto) {
    return this.knowledge.update(user, id, body);
  }

  @Post(':id/file/add')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: KnowledgeFilesDto, description: 'The file must be the caller’s and processed (400)' })
  addKnowledgeFile(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: KnowledgeFileIdDto) {
    return this.knowledgeFiles.add(user, id, body.file_id);
  }

  @Post(':id/file/update')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: KnowledgeFilesDto, description: 'Indexes the file again from its current text' })
  updateKnowledgeFile(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: KnowledgeFileIdDto) {
    return this.knowledgeFiles.update(user, id, body.file_id);
  }

  @Post(':id/file/remove')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: KnowledgeFilesDto })
  removeKnowledgeFile(
    @Caller() { user }: AuthContext,
    @Param('id') id: string,
    @Body() body: KnowledgeFileIdDto,
    @Query() query: RemoveKnowledgeFileQueryDto,
  ) {
    return this.knowledgeFiles.remove(user, id, body.file_id, flag(query.delete_file, true));
  }

  @Post(':id/files/batch/add')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiBody({ type: [KnowledgeFileIdDto] })
  @ApiOkResponse({ type: KnowledgeBatchDto })
  addKnowledgeFiles(
    @Caller() { user }: AuthContext,
    @Param('id') id: string,
    @Body(new DtoListPipe(KnowledgeFileIdDto, BATCH_MAX)) body: KnowledgeFileIdDto[],
  ) {
    return this.knowledgeFiles.addMany(
      user,
      id,
      body.map((item) => item.file_id),
    );
  }

  @Post(':id/reset')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: KnowledgeFilesDto, description: 'No files, no chunks' })
  resetKnowledge(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.knowledgeFiles.reset(user, id);
  }

  @Delete(':id/delete')
  @Auth(WRITE)
  @ApiBooleanResponse('Also drops it from every model’s meta.knowledge; its files stay')
  deleteKnowledge(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.knowledge.delete(user, id);
  }
}
