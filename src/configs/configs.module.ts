import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { ConfigsController } from './configs.controller.js';

@Module({ imports: [SettingsModule], controllers: [ConfigsController] })
export class ConfigsModule {}
