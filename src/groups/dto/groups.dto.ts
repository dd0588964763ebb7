import { ApiProperty } from '@nestjs/swagger';
import { ObjectField, StringArrayField, StringField } from '../../common/validators.js';
import type { PartialPermissionTree } from '../../config/permission-tree.js';

export class GroupFormDto {
  @StringField({ maxLength: 255, example: 'Engineering' })
  name: string;

  @StringField({ maxLength: 10_000, example: 'Everyone who builds things' })
  description: string;

  @ObjectField({ optional: true, nullable: true, example: { features: { api_keys: true } } })
  permissions?: PartialPermissionTree | null;

  @ObjectField({ optional: true, nullable: true, example: { config: { share: true } } })
  data?: Record<string, unknown> | null;
}

export class GroupMembersDto {
  @StringArrayField({ maxItems: 10_000, maxLength: 64, example: ['6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10'] })
  user_ids: string[];
}

export class GroupListQueryDto {
  @StringField({ optional: true, maxLength: 5, description: 'true/false: only groups whose share setting matches' })
  share?: string;
}

export class GroupModelDto {
  @ApiProperty({ example: 'c2f7e1d0-4b1a-4a52-9d0e-7e3f6b8a9c11' }) id: string;
  @ApiProperty({ description: 'The admin who created it' }) user_id: string;
  @ApiProperty({ example: 'Engineering' }) name: string;
  @ApiProperty({ example: 'Everyone who builds things' }) description: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) data: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) meta: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  permissions: PartialPermissionTree | null;
  @ApiProperty({ type: 'integer', example: 1767225600 }) created_at: number;
  @ApiProperty({ type: 'integer', example: 1767225600 }) updated_at: number;
}

export class GroupResponseDto extends GroupModelDto {
  @ApiProperty({ type: 'integer', example: 3 }) member_count: number;
}
