import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../access/auth.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { DatabaseDownloadService } from './database-download.service.js';

/** `/api/v1/utils/db`: Admin → Settings → Database → Download Database. */
@ApiTags('utils')
@Controller('api/v1/utils/db')
export class DatabaseDownloadController {
  constructor(private readonly downloads: DatabaseDownloadService) {}

  /** The whole SQLite database as `webui.db`: a consistent copy, taken while the server keeps running. */
  @Get('download')
  @Auth({ role: 'admin' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The SQLite database file', schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ description: 'The server runs on PostgreSQL', type: ErrorResponseDto })
  @ApiForbiddenResponse({
    description: 'Admin export is off (ENABLE_ADMIN_EXPORT=false), or an API key without the `admin` scope',
    type: ErrorResponseDto,
  })
  async downloadDatabase(@Res() res: Response): Promise<void> {
    const snapshot = await this.downloads.snapshot();
    try {
      res.status(200);
      res.setHeader('Content-Type', 'application/octet-stream');
      res.setHeader('Content-Length', String(snapshot.size));
      res.setHeader('Content-Disposition', 'attachment; filename="webui.db"');
      res.setHeader('Cache-Control', 'no-store');
      await pipeline(createReadStream(snapshot.path), res);
    } catch {
      // The client went away (or the copy could not be read): the connection is closed either way.
      res.destroy();
    } finally {
      await snapshot.discard();
    }
  }
}
