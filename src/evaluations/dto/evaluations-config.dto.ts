import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { BoolField, EnumField, ObjectField, StringArrayField, StringField } from '../../common/validators.js';

/** What Admin → Settings → Evaluations saves about an arena model (other keys are dropped). */
export class ArenaModelMetaDto {
  @StringField({ optional: true, maxLength: 2_000_000, example: '/favicon.png', description: 'A URL or data: URL' })
  profile_image_url?: string;

  @StringField({ optional: true, nullable: true, maxLength: 10_000, example: 'Two models, one answer.' })
  description?: string | null;

  @StringArrayField({
    optional: true,
    nullable: true,
    example: ['gpt-4o', 'llama3'],
    description: 'The models it picks from; null or empty: every model',
  })
  model_ids?: string[] | null;

  @EnumField(['include', 'exclude'] as const, 'ArenaFilterMode', {
    optional: true,
    description: 'exclude: pick from every model but `model_ids`; missing or null: include',
  })
  filter_mode?: 'include' | 'exclude' | null;

  @ObjectField({
    optional: true,
    nullable: true,
    description: 'null: every user; {}: admins only; or group/user grants',
  })
  access_control?: Record<string, unknown> | null;
}

export class ArenaModelDto {
  @StringField({ maxLength: 256, example: 'arena-duel' })
  @IsNotEmpty()
  id: string;

  @StringField({ maxLength: 256, example: 'Arena Duel' })
  @IsNotEmpty()
  name: string;

  @ApiProperty({ type: ArenaModelMetaDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ArenaModelMetaDto)
  meta: ArenaModelMetaDto;
}

export class EvaluationsConfigDto {
  @ApiProperty({ example: true })
  ENABLE_EVALUATION_ARENA_MODELS: boolean;

  @ApiProperty({ type: [ArenaModelDto], description: 'Empty: one default arena over every model' })
  EVALUATION_ARENA_MODELS: ArenaModelDto[];
}

/** Either or both; what is left out stays as it is. */
export class EvaluationsConfigFormDto {
  @BoolField({ optional: true, nullable: true, example: true })
  ENABLE_EVALUATION_ARENA_MODELS?: boolean | null;

  @ApiProperty({ type: [ArenaModelDto], required: false, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ArenaModelDto)
  EVALUATION_ARENA_MODELS?: ArenaModelDto[] | null;
}
