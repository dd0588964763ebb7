import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, type ApiBodyOptions, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../auth/auth-context.js';
import { Auth, Caller } from '../auth/auth.decorator.js';
import { JsonObjectPipe } from '../common/json-object.pipe.js';
import { CompletionsService } from './completions.service.js';

const COMPLETION_BODY = {
  schema: {
    type: 'object',
    required: ['model', 'messages'],
    additionalProperties: true,
    properties: {
      model: { type: 'string', example: 'gpt-4o' },
      messages: { type: 'array', items: { type: 'object', additionalProperties: true } },
      stream: { type: 'boolean', example: true },
      chat_id: { type: 'string', description: 'With session_id and id: run in the background (socket mode)' },
      id: { type: 'string', description: 'The assistant message to fill' },
      session_id: { type: 'string' },
    },
    example: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], stream: true },
  },
} satisfies ApiBodyOptions;

@ApiTags('completions')
@Controller()
export class CompletionsController {
  constructor(private readonly completions: CompletionsService) {}

  @Post(['api/chat/completions', 'api/v1/chat/completions'])
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiBody(COMPLETION_BODY)
  @ApiProduces('text/event-stream', 'application/json')
  @ApiOkResponse({ description: 'SSE stream of chat.completion.chunk, a chat.completion, or {status, task_id}' })
  async createChatCompletion(
    @Caller() { user }: AuthContext,
    @Body(JsonObjectPipe) body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.completions.complete(user, body, res);
  }

  /** Called by the SPA after every answer; without outlet filters the body is the answer. */
  @Post('api/chat/completed')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  chatCompleted(@Body(JsonObjectPipe) body: Record<string, unknown>) {
    return body;
  }
}
