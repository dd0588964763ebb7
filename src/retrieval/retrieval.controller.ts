import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller, Public } from '../access/auth.decorator.js';
import { ApiBooleanResponse } from '../common/api-responses.js';
import { JsonObjectPipe } from '../common/json-object.pipe.js';
import { FilesService } from '../files/files.service.js';
import {
  BatchResultDto,
  DeleteFromCollectionDto,
  ProcessFileDto,
  ProcessFileResultDto,
  ProcessFilesBatchDto,
  ProcessTextDto,
  ProcessWebDto,
  QueryCollectionDto,
  QueryDocDto,
  QueryResultDto,
  RETRIEVAL_SUMMARY_EXAMPLE,
  searchOptionsOf,
} from './dto/retrieval.dto.js';
import { FileProcessingJobs } from './file-processing.jobs.js';
import { RetrievalConfigService } from './retrieval-config.service.js';
import { RetrievalService } from './retrieval.service.js';
import { WebIngestService } from './web-ingest.service.js';

const SETTINGS = { schema: { type: 'object', additionalProperties: true, example: { status: true, TOP_K: 3 } } };
const ADMIN = { role: 'admin', scope: 'admin' } as const;
const READ = { scope: 'files:read' } as const;
const WRITE = { scope: 'files:write' } as const;

/** `/api/v1/retrieval`: the Documents settings, indexing and searching the caller's own collections. */
@ApiTags('retrieval')
@Controller('api/v1/retrieval')
export class RetrievalController {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly settings: RetrievalConfigService,
    private readonly processing: FileProcessingJobs,
    private readonly web: WebIngestService,
    private readonly files: FilesService,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({
    description:
      '`search_mode`: `full_text` while no embedding engine is configured or its vectors are being built, else `vector` or `hybrid`',
    schema: { type: 'object', additionalProperties: true, example: RETRIEVAL_SUMMARY_EXAMPLE },
  })
  getRetrievalStatus() {
    return this.settings.summary();
  }

  @Get('embedding')
  @Auth(ADMIN)
  @ApiOkResponse(SETTINGS)
  getEmbeddingConfig() {
    return this.settings.embedding();
  }

  @Post('embedding/update')
  @HttpCode(200)
  @Auth(ADMIN)
  @ApiBody(SETTINGS)
  @ApiOkResponse(SETTINGS)
  updateEmbeddingConfig(@Caller() { user }: AuthContext, @Body(JsonObjectPipe) body: Record<string, unknown>) {
    return this.settings.updateEmbedding(user, body);
  }

  @Get('config')
  @Auth(ADMIN)
  @ApiOkResponse(SETTINGS)
  getRetrievalConfig() {
    return this.settings.fullConfig();
  }

  @Post('config/update')
  @HttpCode(200)
  @Auth(ADMIN)
  @ApiBody(SETTINGS)
  @ApiOkResponse(SETTINGS)
  updateRetrievalConfig(@Caller() { user }: AuthContext, @Body(JsonObjectPipe) body: Record<string, unknown>) {
    return this.settings.updateConfig(user, body);
  }

  @Post('process/file')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: ProcessFileResultDto })
  processFile(@Caller() { user }: AuthContext, @Body() body: ProcessFileDto) {
    return this.processing.processNow(user, body.file_id, body.content);
  }

  @Post(['process/web', 'process/youtube'])
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({
    schema: {
      type: 'object',
      additionalProperties: true,
      example: {
        status: true,
        collection_name: 'file-7d4a702a-ae9a-49cf-836c-a49482b2a0a8',
        filename: 'https://example.com/article',
      },
    },
  })
  processWeb(@Caller() { user }: AuthContext, @Body() body: ProcessWebDto) {
    return this.web.ingest(user, body.url);
  }

  @Post('process/text')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({
    schema: {
      type: 'object',
      example: {
        status: true,
        collection_name: 'file-7d4a702a-ae9a-49cf-836c-a49482b2a0a8',
        content: 'We agreed to ship on Friday.',
      },
    },
  })
  async processText(@Caller() { user }: AuthContext, @Body() body: ProcessTextDto) {
    const { collection_name } = await this.web.ingestText(user, body.name, body.content);
    return { status: true, collection_name, content: body.content };
  }

  @Post('process/files/batch')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: BatchResultDto })
  processFilesBatch(@Caller() { user }: AuthContext, @Body() body: ProcessFilesBatchDto) {
    return this.processing.processBatch(
      user,
      body.files.map((file) => file.id),
    );
  }

  @Post('query/doc')
  @HttpCode(200)
  @Auth(READ)
  @ApiOkResponse({ type: QueryResultDto })
  queryDoc(@Caller() { user }: AuthContext, @Body() body: QueryDocDto) {
    return this.retrieval.query(user, [body.collection_name], body.query, body.k, searchOptionsOf(body));
  }

  @Post('query/collection')
  @HttpCode(200)
  @Auth(READ)
  @ApiOkResponse({ type: QueryResultDto })
  queryCollection(@Caller() { user }: AuthContext, @Body() body: QueryCollectionDto) {
    return this.retrieval.query(user, body.collection_names, body.query, body.k, searchOptionsOf(body));
  }

  @Post('delete')
  @HttpCode(200)
  @Auth(ADMIN)
  @ApiOkResponse({ schema: { type: 'object', example: { status: true } } })
  async deleteFromCollection(@Body() body: DeleteFromCollectionDto) {
    await this.retrieval.deleteFromCollection(body.collection_name, body.file_id ?? null);
    return { status: true };
  }

  @Post('reset/uploads')
  @HttpCode(200)
  @Auth(ADMIN)
  @ApiBooleanResponse('Deletes every uploaded file: rows, stored bytes and indexes')
  async resetUploads() {
    await this.files.deleteAll();
    return true;
  }

  @Post('reset/db')
  @HttpCode(200)
  @Auth(ADMIN)
  @ApiBooleanResponse('Drops every index; files stay and can be processed again')
  async resetIndex() {
    await this.retrieval.resetIndex();
    return true;
  }
}
