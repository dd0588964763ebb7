import { ApiProperty } from '@nestjs/swagger';

export class PipelinesListDto {
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [] })
  data!: unknown[];
}
