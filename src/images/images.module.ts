import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { ImagesController } from './images.controller.js';
import { ImagesService } from './images.service.js';

/** Image settings (Admin → Settings → Images); generation itself is not run by this server yet. */
@Module({
  imports: [SettingsModule],
  controllers: [ImagesController],
  providers: [ImagesService],
})
export class ImagesModule {}
