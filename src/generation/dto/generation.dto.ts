import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { BoolField, IntField, ObjectField, StringArrayField, StringField } from '../../common/validators.js';

export class TaskConfigDto {
  @StringField({ maxLength: 256, example: 'gpt-4o-mini' }) TASK_MODEL: string;
  @StringField({ maxLength: 256, example: '' }) TASK_MODEL_EXTERNAL: string;
  @StringField({ maxLength: 100_000 }) TITLE_GENERATION_PROMPT_TEMPLATE: string;
  @StringField({ maxLength: 100_000 }) IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE: string;
  @BoolField() ENABLE_AUTOCOMPLETE_GENERATION: boolean;
  @IntField({ min: -1, max: 1_000_000 }) AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: number;
  @StringField({ maxLength: 100_000 }) TAGS_GENERATION_PROMPT_TEMPLATE: string;
  @StringField({ maxLength: 100_000 }) FOLLOW_UP_GENERATION_PROMPT_TEMPLATE: string;
  @BoolField() ENABLE_FOLLOW_UP_GENERATION: boolean;
  @BoolField() ENABLE_TAGS_GENERATION: boolean;
  @BoolField({ example: true }) ENABLE_TITLE_GENERATION: boolean;
  @BoolField() ENABLE_SEARCH_QUERY_GENERATION: boolean;
  @BoolField() ENABLE_RETRIEVAL_QUERY_GENERATION: boolean;
  @StringField({ maxLength: 100_000 }) QUERY_GENERATION_PROMPT_TEMPLATE: string;
  @StringField({ maxLength: 100_000 }) TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE: string;
  @StringField({ maxLength: 100_000 }) VOICE_MODE_PROMPT_TEMPLATE: string;
}

export class TaskMessageDto {
  @StringField({ maxLength: 32, example: 'user' }) role: string;
  @Allow()
  @ApiProperty({
    description: 'Text, or OpenAI content parts',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object', additionalProperties: true } }],
    example: 'What is the capital of France?',
  })
  content: unknown;
}

export class GenerationRequestDto {
  @StringField({ maxLength: 256, example: 'gpt-4o' }) model: string;

  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => TaskMessageDto)
  @ApiProperty({ type: [TaskMessageDto] })
  messages: TaskMessageDto[];

  @StringField({ optional: true, nullable: true, maxLength: 64 }) chat_id?: string | null;
  @StringField({ optional: true, maxLength: 32, example: 'web_search' }) type?: string;
  @ObjectField({ optional: true }) params?: Record<string, unknown>;
}

/** The chat input's autocomplete: the text typed so far, continued by the task model. */
export class AutocompleteRequestDto {
  @StringField({ maxLength: 256, example: 'gpt-4o' }) model: string;
  @StringField({ maxLength: 100_000, example: 'How do I' }) prompt: string;
  @StringField({ optional: true, maxLength: 64, example: 'search query' }) type?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => TaskMessageDto)
  @ApiProperty({ type: [TaskMessageDto], required: false })
  messages?: TaskMessageDto[];

  @StringField({ optional: true, nullable: true, maxLength: 64 }) chat_id?: string | null;
}

/** Call mode's avatar: the face that fits a sentence. */
export class EmojiRequestDto {
  @StringField({ maxLength: 256, example: 'gpt-4o' }) model: string;
  @StringField({ maxLength: 100_000, example: 'That is wonderful news!' }) prompt: string;
  @StringField({ optional: true, nullable: true, maxLength: 64 }) chat_id?: string | null;
}

/** "Merge responses": several models' answers to one prompt, merged into one. */
export class MoaRequestDto {
  @StringField({ maxLength: 256, example: 'gpt-4o' }) model: string;
  @StringField({ maxLength: 100_000, example: 'What is the capital of France?' }) prompt: string;
  @StringArrayField({ maxItems: 32, maxLength: 500_000, example: ['Paris.', 'It is Paris.'] }) responses: string[];
  @BoolField({ optional: true, example: true }) stream?: boolean;
  @StringField({ optional: true, nullable: true, maxLength: 64 }) chat_id?: string | null;
}
