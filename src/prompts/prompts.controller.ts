import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiBooleanResponse } from '../common/api-responses.js';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { PromptDto, PromptFormDto, PromptUpdateDto, PromptWithUserDto } from './dto/prompts.dto.js';
import { PromptsService } from './prompts.service.js';

const READ = { scope: 'prompts:read' } as const;
const WRITE = { scope: 'prompts:write' } as const;

/** `/api/v1/prompts`: the `{command}` path segment is the command without its leading slash. */
@ApiTags('prompts')
@Controller('api/v1/prompts')
export class PromptsController {
  constructor(private readonly prompts: PromptsService) {}

  @Get()
  @Auth(READ)
  @ApiOkResponse({ type: [PromptDto], description: 'Prompts the caller may read (admins: all)' })
  listPrompts(@Caller() { user }: AuthContext) {
    return this.prompts.list(user, 'read');
  }

  @Get('list')
  @Auth(READ)
  @ApiOkResponse({ type: [PromptWithUserDto], description: 'Prompts the caller may edit (admins: all)' })
  listWritablePrompts(@Caller() { user }: AuthContext) {
    return this.prompts.listWithOwners(user);
  }

  @Post('create')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: PromptDto })
  createPrompt(@Caller() { user }: AuthContext, @Body() body: PromptFormDto) {
    return this.prompts.create(user, body);
  }

  @Get('command/:command')
  @Auth(READ)
  @ApiOkResponse({ type: PromptDto })
  getPrompt(@Caller() { user }: AuthContext, @Param('command') command: string) {
    return this.prompts.get(user, command);
  }

  @Post('command/:command/update')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: PromptDto })
  updatePrompt(@Caller() { user }: AuthContext, @Param('command') command: string, @Body() body: PromptUpdateDto) {
    return this.prompts.update(user, command, body);
  }

  @Delete('command/:command/delete')
  @Auth(WRITE)
  @ApiBooleanResponse()
  deletePrompt(@Caller() { user }: AuthContext, @Param('command') command: string) {
    return this.prompts.delete(user, command);
  }
}
