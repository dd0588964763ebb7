import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ObjectField, StringField } from '../../common/validators.js';
import { PublicProfileDto } from '../../users/dto/users.dto.js';

/** One path segment after the slash: it travels as `/command/{command}` without the slash. */
const COMMAND = /^\/?[^\s/?#\\]+$/u;

export class PromptFormDto {
  @StringField({ maxLength: 256, example: '/summary', description: 'The slash command; the slash is added if missing' })
  @Matches(COMMAND, { message: 'command must be "/" followed by one word without slashes or spaces' })
  command: string;

  @StringField({ maxLength: 1000, example: 'Summary' })
  title: string;

  @StringField({ maxLength: 500_000, example: 'Summarize the following text in three bullet points:\n\n' })
  content: string;

  @ObjectField({
    optional: true,
    nullable: true,
    description: 'null: public; {}: private; or {read:{group_ids,user_ids}, write:{…}}',
    example: { read: { group_ids: [], user_ids: [] }, write: { group_ids: [], user_ids: [] } },
  })
  access_control?: Record<string, unknown> | null;
}

/** The command comes from the path; a `command` in the body is ignored (prompts are never renamed). */
export class PromptUpdateDto extends OmitType(PromptFormDto, ['command'] as const) {}

export class PromptDto {
  @ApiProperty({ example: '/summary' }) command: string;
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }) user_id: string;
  @ApiProperty({ example: 'Summary' }) title: string;
  @ApiProperty({ example: 'Summarize the following text in three bullet points:\n\n' }) content: string;
  @ApiProperty({ type: 'integer', example: 1767225600 }) timestamp: number;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: null })
  access_control: Record<string, unknown> | null;
}

export class PromptWithUserDto extends PromptDto {
  @ApiProperty({ type: PublicProfileDto, nullable: true, description: 'The owner; null when the account is gone' })
  user: PublicProfileDto | null;
}
