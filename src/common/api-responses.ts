import { applyDecorators } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { MessageResponseDto } from './dto/error-response.dto.js';

/** `200 true`: the answer of the delete/toggle routes Open WebUI models as a bare boolean. */
export const ApiBooleanResponse = (description?: string) =>
  ApiOkResponse({ description, schema: { type: 'boolean', example: true } });

/** `200 {message}`: the answer of routes Open WebUI models as a confirmation text. */
export const ApiMessageResponse = (description?: string) => ApiOkResponse({ description, type: MessageResponseDto });

/** A non-streamed OpenAI `chat.completion`, as the providers and the task routes answer. */
export const CHAT_COMPLETION_EXAMPLE = {
  id: 'chatcmpl-9f2c1a',
  object: 'chat.completion',
  created: 1767225600,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help?' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 },
};

/** One `data:` line of a streamed completion, and the end marker. */
export const CHAT_COMPLETION_STREAM_EXAMPLE =
  'data: {"id":"chatcmpl-9f2c1a","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o",' +
  '"choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}\n\ndata: [DONE]\n\n';

const BINARY = { schema: { type: 'string', format: 'binary' } } as const;

/** An image route: the bytes, or a redirect to where the image lives. */
export const ApiImageResponse = (description: string, types: string[] = ['image/png']) =>
  applyDecorators(
    ApiOkResponse({ description, content: Object.fromEntries(types.map((type) => [type, BINARY])) }),
    ApiFoundResponse({
      description: 'The image lives elsewhere (a URL, or the default avatar)',
      headers: { Location: { schema: { type: 'string', example: '/static/favicon.png' } } },
    }),
  );

/** A route that answers stored bytes of any type. */
export const ApiBinaryResponse = (description: string, types: string[] = ['application/octet-stream']) =>
  ApiOkResponse({ description, content: Object.fromEntries(types.map((type) => [type, BINARY])) });
