import { Module } from '@nestjs/common';
import {
  ChannelsPlaceholderController,
  FunctionsPlaceholderController,
  NotesPlaceholderController,
  PipelinesPlaceholderController,
  ToolsPlaceholderController,
} from './placeholders.controller.js';

/** Routes of domains not built yet, answering so the web app renders (see the controller file). */
@Module({
  controllers: [
    ToolsPlaceholderController,
    FunctionsPlaceholderController,
    ChannelsPlaceholderController,
    NotesPlaceholderController,
    PipelinesPlaceholderController,
  ],
})
export class PlaceholdersModule {}
