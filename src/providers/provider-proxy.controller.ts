import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { Auth, Caller } from '../auth/auth.decorator.js';
import { JsonObjectPipe } from '../common/json-object.pipe.js';
import { badRequest } from '../common/errors.js';
import { ModelListDto } from '../models/dto/models.dto.js';
import { ProviderProxyService } from './provider-proxy.service.js';

const JSON_OBJECT = { schema: { type: 'object', additionalProperties: true } } as const;

@ApiTags('connections')
@Controller()
export class ProviderProxyController {
  constructor(private readonly proxy: ProviderProxyService) {}

  @Get('openai/models')
  @Auth({ scope: 'models:read' })
  @ApiOkResponse({ type: ModelListDto })
  async listOpenAiModels(@Caller() { user }: AuthContext) {
    return { data: await this.proxy.modelsOf(user, 'openai') };
  }

  @Get('openai/models/:url_idx')
  @Auth({ scope: 'models:read' })
  @ApiOkResponse({ type: ModelListDto })
  async listOpenAiConnectionModels(@Caller() { user }: AuthContext, @Param('url_idx', ParseIntPipe) index: number) {
    return { data: await this.proxy.modelsOf(user, 'openai', index) };
  }

  @Get('ollama/api/tags')
  @Auth({ scope: 'models:read' })
  @ApiOkResponse(JSON_OBJECT)
  listOllamaModels(@Caller() { user }: AuthContext) {
    return this.proxy.ollamaTags(user);
  }

  @Get('ollama/api/tags/:url_idx')
  @Auth({ scope: 'models:read' })
  @ApiOkResponse(JSON_OBJECT)
  listOllamaConnectionModels(@Caller() { user }: AuthContext, @Param('url_idx', ParseIntPipe) index: number) {
    return this.proxy.ollamaTags(user, index);
  }

  @Get('ollama/api/version')
  @Auth({ scope: 'models:read' })
  @ApiOkResponse(JSON_OBJECT)
  getOllamaVersion() {
    return this.proxy.ollamaVersion();
  }

  @Post(['api/embeddings', 'api/v1/embeddings'])
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model', 'input'],
      additionalProperties: true,
      example: { model: 'text-embedding-3-small', input: 'hello' },
    },
  })
  @ApiOkResponse(JSON_OBJECT)
  createEmbeddings(@Caller() { user }: AuthContext, @Body(JsonObjectPipe) body: Record<string, unknown>) {
    if (typeof body.model !== 'string' || body.input === undefined) throw badRequest('model and input are required');
    return this.proxy.embeddings(user, { model: body.model, input: body.input });
  }
}
