import { ApiProperty } from '@nestjs/swagger';
import { BoolField, ObjectField, StringField } from '../../common/validators.js';

export class CreateFolderDto {
  @StringField({ maxLength: 255, example: 'Projects' })
  name: string;

  @ObjectField({ optional: true, nullable: true, example: { system_prompt: 'Be brief.' } })
  data?: Record<string, unknown> | null;

  @ObjectField({ optional: true, nullable: true, example: { icon: null } })
  meta?: Record<string, unknown> | null;
}

export class UpdateFolderDto {
  @StringField({ optional: true, nullable: true, maxLength: 255 })
  name?: string | null;

  @ObjectField({ optional: true, nullable: true })
  data?: Record<string, unknown> | null;

  @ObjectField({ optional: true, nullable: true })
  meta?: Record<string, unknown> | null;
}

export class FolderParentDto {
  @StringField({ nullable: true, maxLength: 64 })
  parent_id: string | null;
}

export class FolderExpandedDto {
  @BoolField()
  is_expanded: boolean;
}

export class DeleteFolderQueryDto {
  @StringField({ optional: true, maxLength: 5, description: 'false moves the chats to the root instead' })
  delete_contents?: string;
}

export class FolderNameIdDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Projects' }) name: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) meta: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) parent_id: string | null;
  @ApiProperty() is_expanded: boolean;
  @ApiProperty({ type: 'integer' }) created_at: number;
  @ApiProperty({ type: 'integer' }) updated_at: number;
}

export class FolderDto extends FolderNameIdDto {
  @ApiProperty() user_id: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) items: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) data: Record<string, unknown> | null;
}
