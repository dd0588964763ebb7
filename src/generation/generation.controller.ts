import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { CHAT_COMPLETION_EXAMPLE } from '../common/api-responses.js';
import { badRequest } from '../common/errors.js';
import { GenerationRequestDto, TaskConfigDto } from './dto/generation.dto.js';
import { GenerationService } from './generation.service.js';

const COMPLETION = {
  schema: {
    type: 'object',
    additionalProperties: true,
    description: 'An OpenAI chat.completion',
    example: CHAT_COMPLETION_EXAMPLE,
  },
} as const;
const disabled = (what: string) => ({ detail: `${what} generation is disabled` });

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
}
