import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IntField } from '../../common/validators.js';

export class FailedJobsQueryDto {
  @IntField({ optional: true, min: 1, max: 1000, example: 100, description: 'Most recent first; default 100' })
  limit?: number;
}

/** Only ids: payloads hold whole conversations, which admins listing failures need not see. */
export class FailedJobDataDto {
  @ApiPropertyOptional() chat_id?: string;
  @ApiPropertyOptional() user_id?: string;
}

export class FailedJobDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: 'chat.generate-title' }) name: string;
  @ApiProperty({ description: 'The last attempt’s error message' }) failed_reason: string;
  @ApiProperty({ example: 2 }) attempts_made: number;
  @ApiProperty({ description: 'When it was queued (ms since the epoch)' }) timestamp: number;
  @ApiProperty({ type: Number, nullable: true, description: 'When it last failed (ms since the epoch)' })
  finished_on: number | null;
  @ApiProperty({ type: FailedJobDataDto }) data: FailedJobDataDto;
}

export class JobCountsDto {
  @ApiProperty({ example: 0 }) waiting: number;
  @ApiProperty({ example: 1 }) active: number;
  @ApiProperty({ description: 'Waiting out a retry backoff' }) delayed: number;
  @ApiProperty({ example: 2 }) failed: number;
  @ApiProperty({ example: 97 }) completed: number;
}

export class RetriedJobDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: true }) status: boolean;
}
