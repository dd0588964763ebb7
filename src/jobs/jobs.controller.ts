import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { FailedJobDto, FailedJobsQueryDto, JobCountsDto, RetriedJobDto } from './dto/jobs.dto.js';
import { JobQueue } from './job-queue.js';

/** What admins see of the background jobs: counts, the failures kept, and a way to re-run one. */
@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobQueue) {}

  @Get('failed')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: [FailedJobDto] })
  listFailedJobs(@Query() query: FailedJobsQueryDto) {
    return this.jobs.failed(query.limit ?? 100);
  }

  @Post('failed/:id/retry')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: RetriedJobDto })
  retryFailedJob(@Param('id') id: string) {
    return this.jobs.retry(id);
  }

  @Get('counts')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: JobCountsDto })
  getJobCounts() {
    return this.jobs.counts();
  }
}
