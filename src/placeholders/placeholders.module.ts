import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import {
  ChannelsPlaceholderController,
  EvaluationsPlaceholderController,
  FunctionsPlaceholderController,
  NotesPlaceholderController,
  PipelinesPlaceholderController,
  ToolsPlaceholderController,
} from './placeholders.controller.js';

/** Routes of domains not built yet, answering so the web app renders (see the controller file). */
@Module({
  imports: [SettingsModule],
  controllers: [
    ToolsPlaceholderController,
    FunctionsPlaceholderController,
    ChannelsPlaceholderController,
    NotesPlaceholderController,
    EvaluationsPlaceholderController,
    PipelinesPlaceholderController,
  ],
})
export class PlaceholdersModule {}
