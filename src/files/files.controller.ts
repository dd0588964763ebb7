import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { ApiBinaryResponse, ApiMessageResponse } from '../common/api-responses.js';
import { flag } from '../common/validators.js';
import {
  FileContentQueryDto,
  FileDataDto,
  FileDto,
  FileStatusQueryDto,
  FileTextDto,
  ListFilesQueryDto,
  SearchFilesQueryDto,
  UploadFileFormDto,
  UploadFileQueryDto,
} from './dto/files.dto.js';
import { sendFile } from './file-download.js';
import { sendStatusUpdates } from './file-status-stream.js';
import { FilesService } from './files.service.js';
import { parseClientMetadata, requireUpload } from './upload-input.js';
import type { StoredUpload } from './upload-storage.engine.js';

const READ = { scope: 'files:read' } as const;
const WRITE = { scope: 'files:write' } as const;

/** `/api/v1/files`: uploads, their text and bytes. Owners and admins only ("not yours" is a 404). */
@ApiTags('files')
@Controller('api/v1/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @HttpCode(200)
  @Auth(WRITE)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadFileFormDto })
  @ApiOkResponse({ type: FileDto, description: '413 past FILE_MAX_SIZE; 400 for a type not allowed' })
  uploadFile(
    @Caller() { user }: AuthContext,
    @UploadedFile() file: StoredUpload | undefined,
    @Body() form: UploadFileFormDto,
    @Query() query: UploadFileQueryDto,
  ) {
    return this.files.upload(user, requireUpload(file), parseClientMetadata(form.metadata), {
      process: flag(query.process, true),
      background: flag(query.process_in_background, true),
    });
  }

  @Get()
  @Auth(READ)
  @ApiOkResponse({ type: [FileDto] })
  listFiles(@Caller() { user }: AuthContext, @Query() query: ListFilesQueryDto) {
    return this.files.list(user, flag(query.content, true));
  }

  @Get('search')
  @Auth(READ)
  @ApiOkResponse({ type: [FileDto], description: '404 when no name matches' })
  searchFiles(@Caller() { user }: AuthContext, @Query() query: SearchFilesQueryDto) {
    return this.files.search(user, query.filename, flag(query.content, true));
  }

  @Delete('all')
  @Auth({ role: 'admin', scope: 'files:write' })
  @ApiMessageResponse()
  async deleteAllFiles() {
    await this.files.deleteAll();
    return { message: 'All files deleted successfully' };
  }

  @Get(':id')
  @Auth(READ)
  @ApiOkResponse({ type: FileDto })
  getFile(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.files.get(user, id);
  }

  @Get(':id/process/status')
  @Auth(READ)
  @ApiOkResponse({
    description: 'The status; with stream=true, server-sent events of it until it is no longer pending',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(FileDataDto) } },
      'text/event-stream': {
        schema: { type: 'string' },
        example: 'data: {"status":"pending"}\n\ndata: {"status":"completed"}\n\n',
      },
    },
  })
  @ApiExtraModels(FileDataDto)
  async getFileProcessStatus(
    @Caller() { user }: AuthContext,
    @Param('id') id: string,
    @Query() query: FileStatusQueryDto,
    @Res() res: Response,
  ) {
    if (flag(query.stream, false)) await sendStatusUpdates(res, (signal) => this.files.statusUpdates(user, id, signal));
    else res.json(await this.files.status(user, id));
  }

  @Get(':id/data/content')
  @Auth(READ)
  @ApiOkResponse({ type: FileTextDto })
  getFileText(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.files.content(user, id);
  }

  @Post(':id/data/content/update')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: FileTextDto })
  updateFileText(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: FileTextDto) {
    return this.files.updateContent(user, id, body.content);
  }

  @Get(':id/content')
  @Auth(READ)
  @ApiBinaryResponse('The stored bytes, with their stored type', ['*/*'])
  async getFileContent(
    @Caller() { user }: AuthContext,
    @Param('id') id: string,
    @Query() query: FileContentQueryDto,
    @Res() res: Response,
  ) {
    await sendFile(res, await this.files.open(user, id), { attachment: flag(query.attachment, false) });
  }

  @Get(':id/content/html')
  @Auth(READ)
  @ApiBinaryResponse('A sandboxed HTML preview; only for files an admin uploaded', ['text/html'])
  async getFileHtml(@Caller() { user }: AuthContext, @Param('id') id: string, @Res() res: Response) {
    await sendFile(res, await this.files.openHtmlPreview(user, id), { attachment: false, sandboxedHtml: true });
  }

  @Get(':id/content/:file_name')
  @Auth(READ)
  @ApiBinaryResponse('The stored bytes as a download under the given name', ['*/*'])
  async getFileContentByName(
    @Caller() { user }: AuthContext,
    @Param('id') id: string,
    @Param('file_name') name: string,
    @Res() res: Response,
  ) {
    await sendFile(res, await this.files.open(user, id), { attachment: true, name });
  }

  @Delete(':id')
  @Auth(WRITE)
  @ApiMessageResponse()
  async deleteFile(@Caller() { user }: AuthContext, @Param('id') id: string) {
    await this.files.delete(user, id);
    return { message: 'File deleted successfully' };
  }
}
