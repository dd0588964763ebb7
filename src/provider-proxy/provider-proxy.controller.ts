import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { JsonObjectPipe } from '../common/json-object.pipe.js';
import { badRequest } from '../common/errors.js';
import { ModelListDto } from '../models/dto/models.dto.js';
import { ProviderProxyService } from './provider-proxy.service.js';

/** Ollama's own answers, passed through: documented by example. */
const OLLAMA_TAGS = {
  schema: {
    type: 'object',
    additionalProperties: true,
    example: { models: [{ name: 'llama3:8b', model: 'llama3:8b', size: 4661224676, urls: [0] }] },
  },
} as const;
const OLLAMA_VERSION = {
  description: "Ollama's version, or `false` while Ollama is off",
  schema: {
    type: 'object',
    properties: { version: { oneOf: [{ type: 'string' }, { type: 'boolean', enum: [false] }] } },
    example: { version: '0.12.6' },
  },
} as const;
const EMBEDDINGS = {
  schema: {
    type: 'object',
    additionalProperties: true,
    description: 'An OpenAI embeddings list',
    example: {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.0023, -0.0091, 0.0154] }],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 1, total_tokens: 1 },
    },
  },
} as const;

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
  @ApiOkResponse(OLLAMA_TAGS)
  listOllamaModels(@Caller() { user }: AuthContext) {
    return this.proxy.ollamaTags(user);
  }

  @Get('ollama/api/tags/:url_idx')
  @Auth({ scope: 'models:read' })
  @ApiOkResponse(OLLAMA_TAGS)
  listOllamaConnectionModels(@Caller() { user }: AuthContext, @Param('url_idx', ParseIntPipe) index: number) {
    return this.proxy.ollamaTags(user, index);
  }

  @Get('ollama/api/version')
  @Auth({ scope: 'models:read' })
  @ApiOkResponse(OLLAMA_VERSION)
  getOllamaVersion() {
    return this.proxy.ollamaVersion();
  }

  @Get('ollama/api/version/:url_idx')
  @Auth({ scope: 'models:read' })
  @ApiOkResponse(OLLAMA_VERSION)
  getOllamaConnectionVersion(@Param('url_idx', ParseIntPipe) index: number) {
    return this.proxy.ollamaVersion(index);
  }

  @Post(['api/embeddings', 'api/v1/embeddings'])
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model', 'input'],
      additionalProperties: true,
      properties: {
        model: { type: 'string', example: 'text-embedding-3-small' },
        input: {
          oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
          example: 'hello',
        },
      },
      example: { model: 'text-embedding-3-small', input: 'hello' },
    },
  })
  @ApiOkResponse(EMBEDDINGS)
  createEmbeddings(@Caller() { user }: AuthContext, @Body(JsonObjectPipe) body: Record<string, unknown>) {
    if (typeof body.model !== 'string' || body.input === undefined) throw badRequest('model and input are required');
    return this.proxy.embeddings(user, { model: body.model, input: body.input });
  }
}
