import { ApiProperty } from '@nestjs/swagger';
import { IntField, StringField } from '../../common/validators.js';

const MAX_CONTENT = 50_000;

export class MemoryContentDto {
  @StringField({ maxLength: MAX_CONTENT, example: 'My dog is called Rex.' })
  content: string;
}

export class MemoryQueryDto {
  @StringField({ maxLength: MAX_CONTENT, example: 'What is my dog called?' })
  content: string;

  @IntField({ optional: true, min: 1, max: 1000, description: 'How many memories to return (default 1)' })
  k?: number;
}

export class MemoryDto {
  @ApiProperty({ example: '0b6f5a2e-3c1d-4e8f-9a7b-6c5d4e3f2a1b' }) id: string;
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }) user_id: string;
  @ApiProperty({ example: 'My dog is called Rex.' }) content: string;
  @ApiProperty({ type: 'integer', example: 1767225600 }) updated_at: number;
  @ApiProperty({ type: 'integer', example: 1767225600 }) created_at: number;
}

/** Upstream's vector-search result: one inner list per query (here always one). */
export class MemoryQueryResultDto {
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } })
  ids: string[][];

  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } })
  documents: string[][];

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'object', additionalProperties: true } },
    example: [[{ created_at: 1767225600 }]],
  })
  metadatas: Record<string, unknown>[][];

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'number' } },
    description: 'Relevance from 0 to 1, higher is closer (as upstream reports scores)',
  })
  distances: number[][];
}
