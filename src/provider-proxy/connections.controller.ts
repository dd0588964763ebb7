import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { ConnectionsService } from '../providers/connections.service.js';
import { OllamaConfigDto, OpenAiConfigDto, VerifyConnectionDto } from '../providers/dto/connections.dto.js';
import { ProviderProxyService } from './provider-proxy.service.js';

@ApiTags('connections')
@Controller()
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly proxy: ProviderProxyService,
  ) {}

  @Get('openai/config')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: OpenAiConfigDto })
  getOpenAiConfig() {
    return this.connections.openAiConfig();
  }

  @Post('openai/config/update')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: OpenAiConfigDto })
  updateOpenAiConfig(@Body() body: OpenAiConfigDto) {
    return this.connections.updateOpenAi(body);
  }

  @Post('openai/verify')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({
    description: "The provider's model list",
    schema: { type: 'object', additionalProperties: true, example: { object: 'list', data: [{ id: 'gpt-4o' }] } },
  })
  verifyOpenAiConnection(@Body() body: VerifyConnectionDto) {
    return this.proxy.verify('openai', body.url, body.key);
  }

  @Post('ollama/verify')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({
    description: "The server's version",
    schema: { type: 'object', additionalProperties: true, example: { version: '0.12.6' } },
  })
  verifyOllamaConnection(@Body() body: VerifyConnectionDto) {
    return this.proxy.verify('ollama', body.url, body.key);
  }

  @Get('ollama/config')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: OllamaConfigDto })
  getOllamaConfig() {
    return this.connections.ollamaConfig();
  }

  @Post('ollama/config/update')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: OllamaConfigDto })
  updateOllamaConfig(@Body() body: OllamaConfigDto) {
    return this.connections.updateOllama(body);
  }
}
