import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { BoolField, IntField, NumberField, StringArrayField, StringField } from '../../common/validators.js';

/** A query's own overrides of the Documents settings (TOP_K, TOP_K_RERANKER, RELEVANCE_THRESHOLD, …). */
class QueryOptionsDto {
  @IntField({ optional: true, min: 1, max: 1000, description: 'Results wanted (default TOP_K)' })
  k?: number;

  @IntField({ optional: true, min: 1, max: 1000, description: 'Hybrid search keeps at most min(k, k_reranker)' })
  k_reranker?: number;

  @NumberField({ optional: true, min: 0, max: 1, description: 'Relevance threshold (default RELEVANCE_THRESHOLD)' })
  r?: number;

  @BoolField({ optional: true, description: 'false: no hybrid search for this query, even when it is enabled' })
  hybrid?: boolean;

  @NumberField({ optional: true, min: 0, max: 1, description: 'Full-text weight in hybrid fusion' })
  hybrid_bm25_weight?: number;
}

export class QueryDocDto extends QueryOptionsDto {
  @StringField({ maxLength: 500, example: 'file-7d4a702a-ae9a-49cf-836c-a49482b2a0a8' })
  collection_name!: string;

  @StringField({ maxLength: 10_000, example: 'What is the capital of Freedonia?' })
  query!: string;
}

export class QueryCollectionDto extends QueryOptionsDto {
  @StringArrayField({ maxItems: 100, maxLength: 500, example: ['file-7d4a702a-ae9a-49cf-836c-a49482b2a0a8'] })
  collection_names!: string[];

  @StringField({ maxLength: 10_000, example: 'What is the capital of Freedonia?' })
  query!: string;
}

/** The search options a query DTO carries, in the service's terms. */
export function searchOptionsOf(dto: QueryOptionsDto) {
  return {
    hybrid: dto.hybrid ?? undefined,
    kReranker: dto.k_reranker ?? undefined,
    relevanceThreshold: dto.r ?? undefined,
    bm25Weight: dto.hybrid_bm25_weight ?? undefined,
  };
}

export class QueryResultDto {
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'number' } }, example: [[0.82]] })
  distances!: number[][];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } })
  documents!: string[][];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'object' } } })
  metadatas!: Record<string, unknown>[][];
}

export class ProcessFileDto {
  @StringField({ maxLength: 100, example: '7d4a702a-ae9a-49cf-836c-a49482b2a0a8' })
  file_id!: string;

  @StringField({ optional: true, maxLength: 20_000_000 })
  content?: string;

  @StringField({ optional: true, maxLength: 500 })
  collection_name?: string;
}

export class ProcessFileResultDto {
  @ApiProperty({ example: true })
  status!: boolean;
  @ApiProperty()
  collection_name!: string;
  @ApiProperty()
  filename!: string;
  @ApiProperty()
  content!: string;
}

export class DeleteFromCollectionDto {
  @StringField({ maxLength: 500, example: 'file-7d4a702a-ae9a-49cf-836c-a49482b2a0a8' })
  collection_name!: string;

  @StringField({ optional: true, maxLength: 100 })
  file_id?: string;
}

export const RETRIEVAL_SUMMARY_EXAMPLE = {
  status: true,
  CHUNK_SIZE: 1000,
  CHUNK_OVERLAP: 100,
  RAG_EMBEDDING_ENGINE: '',
  RAG_EMBEDDING_MODEL: 'sentence-transformers/all-MiniLM-L6-v2',
  search_mode: 'full_text',
};

export class ProcessWebDto {
  @StringField({ maxLength: 8192, example: 'https://example.com/article' })
  url!: string;

  @StringField({ optional: true, maxLength: 500, description: 'Ignored: the page becomes a file of its own' })
  collection_name?: string;
}

export class ProcessTextDto {
  @StringField({ maxLength: 1000, example: 'Meeting notes' })
  name!: string;

  @StringField({ maxLength: 20_000_000, example: 'We agreed to ship on Friday.' })
  content!: string;

  @StringField({ optional: true, maxLength: 500, description: 'Ignored: the text becomes a file of its own' })
  collection_name?: string;
}

export class BatchFileDto {
  @StringField({ maxLength: 100, example: '7d4a702a-ae9a-49cf-836c-a49482b2a0a8' })
  id!: string;
}

export class ProcessFilesBatchDto {
  @ApiProperty({ type: [BatchFileDto], description: 'FileModels (only `id` is read)' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BatchFileDto)
  files!: BatchFileDto[];

  @StringField({ optional: true, maxLength: 500, description: 'Ignored: each file keeps its own collection' })
  collection_name?: string;
}

export class BatchResultDto {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { file_id: { type: 'string' }, status: { type: 'string' }, error: { type: 'string' } },
      required: ['file_id', 'status'],
    },
    example: [{ file_id: '7d4a702a-ae9a-49cf-836c-a49482b2a0a8', status: 'completed' }],
  })
  results!: { file_id: string; status: string; error?: string }[];
  @ApiProperty({ type: [String] })
  errors!: string[];
}
