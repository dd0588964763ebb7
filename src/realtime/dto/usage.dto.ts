import { ApiProperty } from '@nestjs/swagger';

export class UsageDto {
  @ApiProperty({ type: [String], example: ['gpt-4o'] })
  model_ids!: string[];

  @ApiProperty({ type: [String], example: ['b5c1…'] })
  user_ids!: string[];
}
