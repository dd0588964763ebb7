import { PublicProfileDto } from '../../users/dto/users.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BoolField, EnumField, IntField, ObjectField, StringField } from '../../common/validators.js';

export class ModelFormDto {
  @StringField({ maxLength: 256, example: 'my-helper' })
  id: string;

  @StringField({ optional: true, nullable: true, maxLength: 256, example: 'gpt-4o' })
  base_model_id?: string | null;

  @StringField({ maxLength: 512, example: 'My helper' })
  name: string;

  @ObjectField({ example: { description: 'Answers briefly', tags: [{ name: 'work' }] } })
  meta: Record<string, unknown>;

  @ObjectField({ example: { system: 'Be brief.', temperature: 0.2 } })
  params: Record<string, unknown>;

  @ObjectField({ optional: true, nullable: true, description: 'null: public; {}: private; or read/write grants' })
  access_control?: Record<string, unknown> | null;

  @BoolField({ optional: true })
  is_active?: boolean;
}

export class ModelIdQueryDto {
  @StringField({ maxLength: 256, example: 'gpt-4o' })
  id: string;
}

export class ModelIdDto {
  @StringField({ maxLength: 256 })
  id: string;
}

export class ModelListQueryDto {
  @StringField({ optional: true, maxLength: 256 })
  query?: string;

  @IntField({ optional: true, min: 1, max: 1_000_000 })
  page?: number;

  @EnumField(['name', 'created_at', 'updated_at'] as const, 'ModelSortField', { optional: true })
  order_by?: 'name' | 'created_at' | 'updated_at';

  @EnumField(['asc', 'desc'] as const, 'SortDirection', { optional: true })
  direction?: 'asc' | 'desc';
}

export class ModelsRefreshQueryDto {
  @StringField({ optional: true, maxLength: 5, description: 'true bypasses the provider model cache' })
  refresh?: string;
}

export class ModelRowDto {
  @ApiProperty({ example: 'my-helper' }) id: string;
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }) user_id: string;
  @ApiProperty({ type: String, nullable: true, example: 'gpt-4o' }) base_model_id: string | null;
  @ApiProperty({ example: 'My helper' }) name: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { system: 'Be brief.', temperature: 0.2 } })
  params: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { description: 'Answers briefly' } })
  meta: Record<string, unknown>;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) access_control: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ example: true }) is_active: boolean;
  @ApiProperty({ type: 'integer', example: 1767225600 }) updated_at: number;
  @ApiProperty({ type: 'integer', example: 1767225600 }) created_at: number;
}

export class ModelRowWithUserDto extends ModelRowDto {
  @ApiProperty({ type: PublicProfileDto, nullable: true, description: 'The owner; null when the account is gone' })
  user: PublicProfileDto | null;
}

export class ModelRowPageDto {
  @ApiProperty({ type: [ModelRowWithUserDto] }) items: ModelRowWithUserDto[];
  @ApiProperty({ type: 'integer', example: 1 }) total: number;
}

export class ModelTagDto {
  @ApiProperty({ example: 'work' }) name: string;
}

export class ModelItemDto {
  @ApiProperty({ example: 'gpt-4o' }) id: string;
  @ApiProperty({ example: 'GPT-4o' }) name: string;
  @ApiProperty({ example: 'model' }) object: string;
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ example: 'openai' }) owned_by: string;
  @ApiProperty({ required: false, example: 'external' }) connection_type?: string;
  @ApiProperty({ required: false, type: 'integer' }) urlIdx?: number;
  @ApiProperty({ isArray: true, type: ModelTagDto })
  tags: ModelTagDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) info?: Record<string, unknown>;
}

export class ModelListDto {
  @ApiProperty({ type: [ModelItemDto] }) data: ModelItemDto[];
}
