import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { BoolField, ObjectField, StringArrayField, StringField } from '../../common/validators.js';

export class BannerDto {
  @ApiProperty({ example: 'b1' })
  @IsString()
  @MaxLength(100)
  id!: string;

  @ApiProperty({ example: 'info', description: 'info, success, warning or error' })
  @IsString()
  @MaxLength(20)
  type!: string;

  @ApiPropertyOptional({ example: 'Maintenance' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ example: 'The service restarts at 22:00 UTC.' })
  @IsString()
  @MaxLength(5000)
  content!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  dismissible!: boolean;

  @ApiProperty({ example: 1764150000 })
  @IsInt()
  timestamp!: number;
}

export class SetBannersDto {
  @ApiProperty({ type: [BannerDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BannerDto)
  banners!: BannerDto[];
}

export class ConnectionsConfigDto {
  @ApiProperty({ example: false })
  ENABLE_DIRECT_CONNECTIONS!: boolean;

  @ApiProperty({ example: false })
  ENABLE_BASE_MODELS_CACHE!: boolean;
}

export class ModelsConfigDto {
  @ApiProperty({ type: String, nullable: true, example: null })
  DEFAULT_MODELS!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  DEFAULT_PINNED_MODELS!: string | null;

  @ApiProperty({ type: [String], example: [] })
  MODEL_ORDER_LIST!: string[];
}

export class UpdateConnectionsConfigDto {
  @BoolField({ example: false }) ENABLE_DIRECT_CONNECTIONS!: boolean;
  @BoolField({ example: false }) ENABLE_BASE_MODELS_CACHE!: boolean;
}

/** Comma-separated model ids, as the web app's "Default Models" picker sends them. */
export class UpdateModelsConfigDto {
  @StringField({ nullable: true, maxLength: 10_000, example: 'gpt-4o,llama3' }) DEFAULT_MODELS!: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 10_000, example: 'gpt-4o' })
  DEFAULT_PINNED_MODELS?: string | null;
  @StringArrayField({ optional: true, nullable: true, maxItems: 10_000, maxLength: 1024, example: ['gpt-4o'] })
  MODEL_ORDER_LIST?: string[] | null;
}

export class PromptSuggestionDto {
  @StringArrayField({ maxItems: 4, maxLength: 500, example: ['Tell me a fun fact', 'about the Roman Empire'] })
  title!: string[];

  @StringField({ maxLength: 10_000, example: 'Tell me a random fun fact about the Roman Empire' })
  content!: string;
}

export class SetPromptSuggestionsDto {
  @ApiProperty({ type: [PromptSuggestionDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PromptSuggestionDto)
  suggestions!: PromptSuggestionDto[];
}

/** Admin → Settings → Database → Import: a document as Export gives (or as Open WebUI exports it). */
export class ImportConfigDto {
  @ObjectField({ example: { ui: { enable_signup: false } } }) config!: Record<string, unknown>;
}
