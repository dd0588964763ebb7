import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StringArrayField } from '../../common/validators.js';

export class WebSearchDto {
  @StringArrayField({ maxItems: 10, maxLength: 1000, example: ['capital of Freedonia'] })
  queries!: string[];
}

class WebSearchItemDto {
  @ApiProperty({ example: 'https://example.com/freedonia' })
  link!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Freedonia' })
  title!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'The capital of Freedonia is Fredville.' })
  snippet!: string | null;
}

export class WebSearchResultDto {
  @ApiProperty({ example: true })
  status!: boolean;
  @ApiPropertyOptional({
    type: [String],
    description: 'One collection per loaded page (`file-{id}`: a file of the caller); absent in bypass mode',
    example: ['file-7d4a702a-ae9a-49cf-836c-a49482b2a0a8'],
  })
  collection_names?: string[];
  @ApiProperty({ type: [WebSearchItemDto] })
  items!: WebSearchItemDto[];
  @ApiProperty({ type: [String], description: 'The pages loaded', example: ['https://example.com/freedonia'] })
  filenames!: string[];
  @ApiProperty({ example: 1 })
  loaded_count!: number;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'With BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: each page `{content, metadata}`, nothing stored',
  })
  docs?: Record<string, unknown>[];
}
