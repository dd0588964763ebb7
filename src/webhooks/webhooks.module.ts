import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** The admins' webhook: its URL, and the events it is told of. */
@Module({
  imports: [SettingsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService],
})
export class WebhooksModule {}
