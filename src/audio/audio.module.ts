import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { AudioController } from './audio.controller.js';
import { AudioService } from './audio.service.js';

/** Speech settings (Admin → Settings → Audio); speech itself runs in the browser for now. */
@Module({
  imports: [SettingsModule],
  controllers: [AudioController],
  providers: [AudioService],
})
export class AudioModule {}
