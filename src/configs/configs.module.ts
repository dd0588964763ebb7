import { Module } from '@nestjs/common';
import { ConfigsController } from './configs.controller.js';

@Module({ controllers: [ConfigsController] })
export class ConfigsModule {}
