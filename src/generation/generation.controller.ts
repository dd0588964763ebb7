import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { CHAT_COMPLETION_EXAMPLE, CHAT_COMPLETION_STREAM_EXAMPLE } from '../common/api-responses.js';
import { sendCompletion } from '../completions/completion-writer.js';
import { badRequest } from '../common/errors.js';
import {
  AutocompleteRequestDto,
  EmojiRequestDto,
  GenerationRequestDto,
  MoaRequestDto,
  TaskConfigDto,
} from './dto/generation.dto.js';
import { GenerationService } from './generation.service.js';

const COMPLETION = {
  schema: {
    type: 'object',
    additionalProperties: true,
    description: 'An OpenAI chat.completion',
    example: CHAT_COMPLETION_EXAMPLE,
  },
} as const;
const COMPLETION_OR_STREAM = {
  description: 'With `stream: true`, an SSE stream of chat.completion.chunk; else a chat.completion',
  content: {
    'text/event-stream': { schema: { type: 'string', example: CHAT_COMPLETION_STREAM_EXAMPLE } },
    'application/json': { schema: COMPLETION.schema },
  },
} as const;
const disabled = (what: string) => ({ detail: `${what} generation is disabled` });
/** Each merged answer set apart, as the merge prompt quotes them. */
const quoteResponses = (responses: string[]) =>
  responses.map((response, index) => `<answer id="${index + 1}">\n${response}\n</answer>`).join('\n');

/** `/api/v1/tasks`: the generation prompts as plain completions, and their settings. */
@ApiTags('tasks')
@Controller('api/v1/tasks')
export class GenerationController {
  constructor(private readonly generation: GenerationService) {}

  @Get('config')
  @Auth({ scope: 'completions' })
  @ApiOkResponse({ type: TaskConfigDto })
  getTaskConfig() {
    return this.generation.config();
  }

  @Post('config/update')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: TaskConfigDto })
  updateTaskConfig(@Body() body: TaskConfigDto) {
    return this.generation.updateConfig(body);
  }

  /** Disabled: 200 with a detail, as upstream (the SPA treats it as "no title"). */
  @Post('title/completions')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse(COMPLETION)
  async generateTitle(@Caller() { user }: AuthContext, @Body() body: GenerationRequestDto) {
    if (!this.generation.config().ENABLE_TITLE_GENERATION) return disabled('Title');
    return this.generation.complete(user, 'title', body.model, body.messages);
  }

  @Post('tags/completions')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse(COMPLETION)
  async generateTags(@Caller() { user }: AuthContext, @Body() body: GenerationRequestDto) {
    if (!this.generation.config().ENABLE_TAGS_GENERATION) return disabled('Tags');
    return this.generation.complete(user, 'tags', body.model, body.messages);
  }

  @Post('follow_up/completions')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse(COMPLETION)
  async generateFollowUps(@Caller() { user }: AuthContext, @Body() body: GenerationRequestDto) {
    if (!this.generation.config().ENABLE_FOLLOW_UP_GENERATION) return disabled('Follow-up');
    return this.generation.complete(user, 'followUps', body.model, body.messages);
  }

  /** Disabled: 400, as upstream. */
  @Post('queries/completions')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse(COMPLETION)
  async generateQueries(@Caller() { user }: AuthContext, @Body() body: GenerationRequestDto) {
    const settings = this.generation.config();
    const enabled =
      body.type === 'retrieval' ? settings.ENABLE_RETRIEVAL_QUERY_GENERATION : settings.ENABLE_SEARCH_QUERY_GENERATION;
    if (!enabled) throw badRequest('Query generation is disabled');
    return this.generation.complete(user, 'queries', body.model, body.messages);
  }

  /** The chat input's autocomplete; off unless ENABLE_AUTOCOMPLETE_GENERATION (400 as upstream). */
  @Post('auto/completions')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse(COMPLETION)
  generateAutocompletion(@Caller() { user }: AuthContext, @Body() body: AutocompleteRequestDto) {
    return this.generation.autocomplete(user, body);
  }

  /** Call mode shows the answer's mood as an emoji. */
  @Post('emoji/completions')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse(COMPLETION)
  generateEmoji(@Caller() { user }: AuthContext, @Body() body: EmojiRequestDto) {
    return this.generation.complete(user, 'emoji', body.model, [], { values: { PROMPT: body.prompt }, maxTokens: 4 });
  }

  /** The image generator's prompt, written from the conversation. */
  @Post('image_prompt/completions')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse(COMPLETION)
  generateImagePrompt(@Caller() { user }: AuthContext, @Body() body: GenerationRequestDto) {
    return this.generation.complete(user, 'imagePrompt', body.model, body.messages);
  }

  /** "Merge responses": the answers of several models to one prompt, merged by the task model. */
  @Post('moa/completions')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse(COMPLETION_OR_STREAM)
  generateMoaCompletion(@Caller() { user }: AuthContext, @Body() body: MoaRequestDto, @Res() res: Response) {
    const values = { PROMPT: body.prompt, RESPONSES: quoteResponses(body.responses) };
    return sendCompletion(res, async (signal) =>
      body.stream
        ? { kind: 'stream', stream: await this.generation.stream(user, 'moa', body.model, [], { values, signal }) }
        : { kind: 'json', body: await this.generation.complete(user, 'moa', body.model, [], { values }) },
    );
  }
}
