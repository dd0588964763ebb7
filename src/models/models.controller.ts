import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiBooleanResponse, ApiImageResponse } from '../common/api-responses.js';
import type { Response } from 'express';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { CustomModelsService } from './custom-models.service.js';
import {
  ModelFormDto,
  ModelIdDto,
  ModelIdQueryDto,
  ModelListDto,
  ModelListQueryDto,
  ModelRowDto,
  ModelRowPageDto,
  ModelsRefreshQueryDto,
} from './dto/models.dto.js';
import { ModelsService } from './models.service.js';

const READ = { scope: 'models:read' } as const;

/** The model list every SPA page reads, and its admin view of provider models. */
@ApiTags('models')
@Controller()
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get(['api/models', 'api/v1/models'])
  @Auth(READ)
  @ApiOkResponse({ type: ModelListDto })
  async listModels(@Caller() { user }: AuthContext, @Query() q: ModelsRefreshQueryDto) {
    return { data: await this.models.list(user, q.refresh === 'true') };
  }

  @Get('api/models/base')
  @Auth({ role: 'admin', ...READ })
  @ApiOkResponse({ type: ModelListDto })
  async listBaseModels() {
    return { data: await this.models.baseItems() };
  }
}

/** `/api/v1/models/...`: presets and overrides (literal paths; ids travel in `?id=` since they contain `/`). */
@ApiTags('models')
@Controller('api/v1/models')
export class CustomModelsController {
  constructor(private readonly models: CustomModelsService) {}

  @Get('list')
  @Auth(READ)
  @ApiOkResponse({ type: ModelRowPageDto })
  listCustomModels(@Caller() { user }: AuthContext, @Query() q: ModelListQueryDto) {
    return this.models.list(user, q);
  }

  @Get('base')
  @Auth({ role: 'admin', ...READ })
  @ApiOkResponse({ type: [ModelRowDto] })
  listModelOverrides() {
    return this.models.overrides();
  }

  @Get('tags')
  @Auth(READ)
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'string' }, example: ['work', 'coding'] } })
  listModelTags(@Caller() { user }: AuthContext) {
    return this.models.tags(user);
  }

  @Post('create')
  @HttpCode(200)
  @Auth()
  @ApiOkResponse({ type: ModelRowDto })
  createModel(@Caller() { user }: AuthContext, @Body() body: ModelFormDto) {
    return this.models.create(user, body);
  }

  @Get('export')
  @Auth(READ)
  @ApiOkResponse({ type: [ModelRowDto] })
  exportModels(@Caller() { user }: AuthContext) {
    return this.models.export(user);
  }

  @Get('model')
  @Auth(READ)
  @ApiOkResponse({ type: ModelRowDto, description: 'null when the model exists but is not readable' })
  getModel(@Caller() { user }: AuthContext, @Query() q: ModelIdQueryDto) {
    return this.models.get(user, q.id);
  }

  @Get('model/profile/image')
  @Auth(READ)
  @ApiImageResponse('The image bytes (from a data: URL)')
  async getModelProfileImage(@Caller() { user }: AuthContext, @Query() q: ModelIdQueryDto, @Res() res: Response) {
    const url = await this.models.profileImage(user, q.id);
    const data = url ? /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(url) : null;
    if (data) return res.type(data[1]).send(Buffer.from(data[2], 'base64'));
    res.redirect(302, url && /^https?:\/\//.test(url) ? url : '/static/favicon.png');
  }

  @Post('model/toggle')
  @HttpCode(200)
  @Auth()
  @ApiOkResponse({ type: ModelRowDto })
  toggleModel(@Caller() { user }: AuthContext, @Query() q: ModelIdQueryDto) {
    return this.models.toggle(user, q.id);
  }

  @Post('model/update')
  @HttpCode(200)
  @Auth()
  @ApiOkResponse({ type: ModelRowDto })
  updateModel(@Caller() { user }: AuthContext, @Body() body: ModelFormDto) {
    return this.models.update(user, body);
  }

  @Post('model/delete')
  @HttpCode(200)
  @Auth()
  @ApiBooleanResponse()
  deleteModel(@Caller() { user }: AuthContext, @Body() body: ModelIdDto) {
    return this.models.delete(user, body.id);
  }

  @Delete('delete/all')
  @Auth({ role: 'admin' })
  @ApiBooleanResponse()
  deleteAllModels() {
    return this.models.deleteAll();
  }
}
