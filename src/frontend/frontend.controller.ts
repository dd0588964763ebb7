import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { Public } from '../access/auth.decorator.js';
import { FrontendService } from './frontend.service.js';
import { ApiIndexDto, WebManifestDto } from './dto/frontend.dto.js';

@ApiTags('frontend')
@Controller()
export class FrontendController {
  constructor(private readonly frontend: FrontendService) {}

  /** Without FRONTEND_BUILD_DIR: where the API and its docs are (with it, the web app answers `/`). */
  @Get()
  @Public()
  @ApiOkResponse({ type: ApiIndexDto })
  getIndex(): ApiIndexDto {
    return this.frontend.index();
  }

  /** The web app manifest (name from WEBUI_NAME, icons from /static). */
  @Get('manifest.json')
  @Public()
  @ApiOkResponse({ type: WebManifestDto })
  getManifest(): WebManifestDto {
    return this.frontend.manifest();
  }

  /**
   * Files the SPA asks the server for (favicon, splash, logo, user, loader.js, custom.css): from the
   * build, else our defaults (an empty script and style sheet, so no page load ends in a 404).
   */
  @Get('static/:file')
  @Public()
  @ApiProduces('image/png', 'image/svg+xml', 'image/x-icon', 'application/json', 'text/javascript', 'text/css')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such file', type: ErrorResponseDto })
  @Header('Cache-Control', 'public, max-age=3600')
  getStaticFile(@Param('file') file: string): StreamableFile {
    const path = this.frontend.staticFile(file);
    return new StreamableFile(createReadStream(path), { type: contentType(path) });
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  // The web app loads these on every page; with nosniff, a browser refuses them as octet-stream.
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

const contentType = (path: string) => CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
