import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { FlagField, ObjectField, StringField } from '../../common/validators.js';
import { FileMetadataDto } from '../../files/dto/files.dto.js';
import { PublicProfileDto } from '../../users/dto/users.dto.js';

const ID_EXAMPLE = 'b3d1f0a4-2c55-4e8e-9a51-6f0e2d7c9b11';

/**
 * What a knowledge base is made of. A `data` field is ignored: its files join and leave only
 * through the file routes, which check each file (a client-sent file id proves nothing).
 */
export class KnowledgeFormDto {
  @StringField({ maxLength: 1000, example: 'Product manuals' })
  @Matches(/\S/u, { message: 'name must not be empty' })
  name: string;

  @StringField({ maxLength: 100_000, example: 'Manuals of every product we sell' })
  description: string;

  @ObjectField({
    optional: true,
    nullable: true,
    description: 'null: public; {}: private; or {read:{group_ids,user_ids}, write:{…}}',
    example: { read: { group_ids: [], user_ids: [] }, write: { group_ids: [], user_ids: [] } },
  })
  access_control?: Record<string, unknown> | null;
}

/** An edit: what it leaves out stays as it is (the web app leaves out an empty description). */
export class KnowledgeUpdateDto extends PartialType(KnowledgeFormDto) {}

export class KnowledgeFileIdDto {
  @StringField({ maxLength: 256, example: '7d4a702a-ae9a-49cf-836c-a49482b2a0a8' })
  file_id: string;
}

export class RemoveKnowledgeFileQueryDto {
  @FlagField({ description: 'Also delete the file itself when it is the caller’s (default true, as upstream)' })
  delete_file?: string;
}

export class KnowledgeDataDto {
  @ApiProperty({ type: [String], example: ['7d4a702a-ae9a-49cf-836c-a49482b2a0a8'] })
  file_ids: string[];
}

export class KnowledgeDto {
  @ApiProperty({ example: ID_EXAMPLE, description: 'Also the name of its chunk collection' })
  id: string;
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' })
  user_id: string;
  @ApiProperty({ example: 'Product manuals' })
  name: string;
  @ApiProperty({ example: 'Manuals of every product we sell' })
  description: string;
  @ApiProperty({ type: KnowledgeDataDto, nullable: true })
  data: KnowledgeDataDto | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: null })
  meta: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: {} })
  access_control: Record<string, unknown> | null;
  @ApiProperty({ type: 'integer', example: 1767225600 })
  created_at: number;
  @ApiProperty({ type: 'integer', example: 1767225600 })
  updated_at: number;
}

export class KnowledgeFilesDto extends KnowledgeDto {
  @ApiProperty({ type: [FileMetadataDto], description: 'Its files that still exist, in the order they were added' })
  files: FileMetadataDto[];
}

export class KnowledgeListItemDto extends KnowledgeFilesDto {
  @ApiProperty({ type: PublicProfileDto, nullable: true, description: 'The owner; null when the account is gone' })
  user: PublicProfileDto | null;
}

export class KnowledgeBatchWarningsDto {
  @ApiProperty({ example: 'Some files failed to process' })
  message: string;
  @ApiProperty({ type: [String], example: ['notes.txt: the embedding provider did not answer'] })
  errors: string[];
}

export class KnowledgeBatchDto extends KnowledgeFilesDto {
  @ApiPropertyOptional({ type: KnowledgeBatchWarningsDto, description: 'Files that could not be indexed' })
  warnings?: KnowledgeBatchWarningsDto;
}
