import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FlagField, StringField } from '../../common/validators.js';

export class UploadFileQueryDto {
  @FlagField({ description: 'Extract and index the text (default true)' })
  process?: string;

  @FlagField({ description: 'Answer at once and follow `/{id}/process/status` (default true)' })
  process_in_background?: string;
}

export class UploadFileFormDto {
  @ApiProperty({ type: 'string', format: 'binary' })
  file!: unknown;

  @StringField({ optional: true, maxLength: 100_000, description: 'JSON object kept as `meta.data`' })
  metadata?: string;
}

export class ListFilesQueryDto {
  @FlagField({ description: 'false leaves out `data.content` (default true)' })
  content?: string;
}

export class SearchFilesQueryDto extends ListFilesQueryDto {
  @StringField({ maxLength: 1000, description: 'Glob on the file name (`*`, `?`)', example: '*.pdf' })
  filename!: string;
}

export class FileStatusQueryDto {
  @FlagField({ description: 'Server-sent events until processing ends (default false)' })
  stream?: string;
}

export class FileContentQueryDto {
  @FlagField({ description: 'Always download instead of showing inline (default false)' })
  attachment?: string;
}

export class FileTextDto {
  @StringField({ maxLength: 20_000_000, example: 'The extracted text of the file.' })
  content!: string;
}

export class FileDataDto {
  @ApiPropertyOptional({ enum: ['pending', 'completed', 'failed'], example: 'completed' })
  status?: string;
  @ApiPropertyOptional()
  content?: string;
  @ApiPropertyOptional()
  error?: string;
}

export class FileMetaDto {
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  content_type!: string | null;
  @ApiProperty()
  size!: number;
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
  @ApiPropertyOptional()
  collection_name?: string;
}

export class FileDto {
  @ApiProperty({ example: '7d4a702a-ae9a-49cf-836c-a49482b2a0a8' })
  id!: string;
  @ApiProperty()
  user_id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'sha256 of the extracted text' })
  hash!: string | null;
  @ApiProperty()
  filename!: string;
  @ApiProperty({ type: String, nullable: true })
  path!: string | null;
  @ApiProperty({ type: FileDataDto, nullable: true })
  data!: FileDataDto | null;
  @ApiProperty({ type: FileMetaDto, nullable: true })
  meta!: FileMetaDto | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  access_control!: Record<string, unknown> | null;
  @ApiProperty()
  created_at!: number;
  @ApiProperty()
  updated_at!: number;
}

/** A file as a knowledge base lists it (upstream's FileMetadataResponse): no text, no storage path. */
export class FileMetadataDto {
  @ApiProperty({ example: '7d4a702a-ae9a-49cf-836c-a49482b2a0a8' })
  id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'sha256 of the extracted text' })
  hash!: string | null;
  @ApiProperty({ type: FileMetaDto, nullable: true })
  meta!: FileMetaDto | null;
  @ApiProperty({ example: 1767225600 })
  created_at!: number;
  @ApiProperty({ example: 1767225600 })
  updated_at!: number;
}
