import { ApiProperty } from '@nestjs/swagger';

export class EvaluationsConfigDto {
  @ApiProperty({ example: true })
  ENABLE_EVALUATION_ARENA_MODELS!: boolean;

  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [] })
  EVALUATION_ARENA_MODELS!: unknown[];
}
