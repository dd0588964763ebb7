import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { UsersModule } from '../users/users.module.js';
import { EvaluationsConfigService } from './evaluations-config.service.js';
import { EvaluationsController } from './evaluations.controller.js';
import { FeedbacksRepository } from './feedbacks.repository.js';
import { FeedbacksService } from './feedbacks.service.js';

/** Message ratings and the admin's Evaluations (leaderboard, feedback table, arena settings). */
@Module({
  imports: [SettingsModule, UsersModule],
  controllers: [EvaluationsController],
  providers: [FeedbacksRepository, FeedbacksService, EvaluationsConfigService],
})
export class EvaluationsModule {}
