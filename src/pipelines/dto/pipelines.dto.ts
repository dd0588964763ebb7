import { ApiProperty } from '@nestjs/swagger';

/** An OpenAI connection that is a Pipelines server (its model list says `"pipelines": true`). */
export class PipelineServerDto {
  @ApiProperty({ example: 'http://pipelines:9099' }) url!: string;
  @ApiProperty({ example: 0, description: 'Index of the OpenAI connection' }) idx!: number;
}

export class PipelineServersDto {
  @ApiProperty({ type: [PipelineServerDto], example: [] }) data!: PipelineServerDto[];
}

export class PipelinesListDto {
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [] })
  data!: unknown[];
}
