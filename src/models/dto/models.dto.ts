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
  @ApiProperty() id: string;
  @ApiProperty() user_id: string;
  @ApiProperty({ type: String, nullable: true }) base_model_id: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) params: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) meta: Record<string, unknown>;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) access_control: Record<
    string,
    unknown
  > | null;
  @ApiProperty() is_active: boolean;
  @ApiProperty({ type: 'integer' }) updated_at: number;
  @ApiProperty({ type: 'integer' }) created_at: number;
}

export class ModelRowPageDto {
  @ApiProperty({ type: [ModelRowDto] }) items: ModelRowDto[];
  @ApiProperty({ type: 'integer' }) total: number;
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
