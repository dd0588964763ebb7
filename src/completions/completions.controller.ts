import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, type ApiBodyOptions, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { CHAT_COMPLETION_EXAMPLE, CHAT_COMPLETION_STREAM_EXAMPLE } from '../common/api-responses.js';
import { JsonObjectPipe } from '../common/json-object.pipe.js';
import { sendCompletion } from './completion-writer.js';
import { CompletionsService } from './completions.service.js';

const COMPLETION_BODY = {
  schema: {
    type: 'object',
    required: ['model', 'messages'],
    additionalProperties: true,
    properties: {
      model: { type: 'string', example: 'gpt-4o' },
      messages: { type: 'array', items: { type: 'object', additionalProperties: true } },
      stream: { type: 'boolean', default: false, example: true },
      chat_id: { type: 'string', description: 'With session_id and id: run in the background (socket mode)' },
      id: { type: 'string', description: 'The assistant message to fill' },
      session_id: { type: 'string' },
    },
    example: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], stream: true },
  },
} satisfies ApiBodyOptions;

const COMPLETED_EXAMPLE = {
  model: 'gpt-4o',
  chat_id: '0b7c3f52-9a1e-4d6b-8f2c-5e4d3c2b1a09',
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  session_id: 'x8Yq2kLmN0pQ',
  messages: [
    { id: 'a1b2c3d4-0000-4000-8000-000000000000', role: 'user', content: 'Hello' },
    { id: 'a1b2c3d4-0000-4000-8000-000000000001', role: 'assistant', content: 'Hello! How can I help?' },
  ],
};

@ApiTags('completions')
@Controller()
export class CompletionsController {
  constructor(private readonly completions: CompletionsService) {}

  @Post(['api/chat/completions', 'api/v1/chat/completions'])
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiBody(COMPLETION_BODY)
  @ApiOkResponse({
    description:
      'With `stream: true`, an SSE stream of chat.completion.chunk; else a chat.completion; or {status, task_id} in socket mode',
    content: {
      'text/event-stream': { schema: { type: 'string', example: CHAT_COMPLETION_STREAM_EXAMPLE } },
      'application/json': {
        schema: { type: 'object', additionalProperties: true, example: CHAT_COMPLETION_EXAMPLE },
      },
    },
  })
  createChatCompletion(
    @Caller() { user }: AuthContext,
    @Body(JsonObjectPipe) body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return sendCompletion(res, (signal) => this.completions.complete(user, body, signal));
  }

  /** Called by the SPA after every answer; without outlet filters the body is the answer. */
  @Post('api/chat/completed')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiBody({ schema: { type: 'object', additionalProperties: true, example: COMPLETED_EXAMPLE } })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true, example: COMPLETED_EXAMPLE } })
  chatCompleted(@Body(JsonObjectPipe) body: Record<string, unknown>) {
    return body;
  }
}
