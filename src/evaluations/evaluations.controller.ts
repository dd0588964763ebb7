import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { ApiBooleanResponse } from '../common/api-responses.js';
import { sendJsonArray } from '../common/json-array-stream.js';
import { EvaluationsConfigDto, EvaluationsConfigFormDto } from './dto/evaluations-config.dto.js';
import {
  FeedbackDto,
  FeedbackFormDto,
  FeedbackPageDto,
  FeedbackPageQueryDto,
  FeedbackWithSnapshotDto,
} from './dto/feedback.dto.js';
import { EvaluationsConfigService } from './evaluations-config.service.js';
import { FeedbacksService } from './feedbacks.service.js';

const READ = { scope: 'feedbacks:read' } as const;
const WRITE = { scope: 'feedbacks:write' } as const;
const ADMIN_READ = { role: 'admin', ...READ } as const;
const ADMIN_WRITE = { role: 'admin', ...WRITE } as const;

/**
 * `/api/v1/evaluations`: ratings of answers (a user's own; admins everyone's, for the Evaluations
 * leaderboard and feedback table) and the arena settings.
 */
@ApiTags('evaluations')
@Controller('api/v1/evaluations')
export class EvaluationsController {
  constructor(
    private readonly feedbacks: FeedbacksService,
    private readonly config: EvaluationsConfigService,
  ) {}

  @Get('config')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: EvaluationsConfigDto })
  getEvaluationsConfig() {
    return this.config.get();
  }

  @Post('config')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: EvaluationsConfigDto })
  updateEvaluationsConfig(@Body() body: EvaluationsConfigFormDto) {
    return this.config.update(body);
  }

  @Get('feedbacks/all')
  @Auth(ADMIN_READ)
  @ApiOkResponse({ type: [FeedbackDto], description: 'Everyone’s, most recently updated first, without snapshots' })
  listAllFeedbacks() {
    return this.feedbacks.listAll();
  }

  @Delete('feedbacks/all')
  @Auth(ADMIN_WRITE)
  @ApiBooleanResponse('false when there were none')
  deleteAllFeedbacks() {
    return this.feedbacks.deleteAll();
  }

  @Get('feedbacks/all/export')
  @Auth(ADMIN_READ)
  @ApiOkResponse({ type: [FeedbackWithSnapshotDto], description: 'Everyone’s, with snapshots (streamed)' })
  async exportAllFeedbacks(@Res() res: Response) {
    await sendJsonArray(res, this.feedbacks.exportAll());
  }

  @Get('feedbacks/list')
  @Auth(ADMIN_READ)
  @ApiOkResponse({ type: FeedbackPageDto, description: 'A page of 30 with each one’s user' })
  listFeedbackPage(@Query() query: FeedbackPageQueryDto) {
    return this.feedbacks.page(query);
  }

  @Get('feedbacks/user')
  @Auth(READ)
  @ApiOkResponse({ type: [FeedbackDto], description: 'The caller’s own, most recently updated first' })
  listMyFeedbacks(@Caller() { user }: AuthContext) {
    return this.feedbacks.listOwn(user);
  }

  @Delete('feedbacks')
  @Auth(WRITE)
  @ApiBooleanResponse('false when the caller had none')
  deleteMyFeedbacks(@Caller() { user }: AuthContext) {
    return this.feedbacks.deleteOwn(user);
  }

  @Post('feedback')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: FeedbackWithSnapshotDto })
  createFeedback(@Caller() { user }: AuthContext, @Body() body: FeedbackFormDto) {
    return this.feedbacks.create(user, body);
  }

  @Get('feedback/:id')
  @Auth(READ)
  @ApiOkResponse({ type: FeedbackWithSnapshotDto, description: 'Admins read anyone’s; others their own (404)' })
  getFeedback(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.feedbacks.get(user, id);
  }

  @Post('feedback/:id')
  @HttpCode(200)
  @Auth(WRITE)
  @ApiOkResponse({ type: FeedbackWithSnapshotDto, description: 'Admins change anyone’s; others their own (404)' })
  updateFeedback(@Caller() { user }: AuthContext, @Param('id') id: string, @Body() body: FeedbackFormDto) {
    return this.feedbacks.update(user, id, body);
  }

  @Delete('feedback/:id')
  @Auth(WRITE)
  @ApiBooleanResponse()
  deleteFeedback(@Caller() { user }: AuthContext, @Param('id') id: string) {
    return this.feedbacks.delete(user, id);
  }
}
