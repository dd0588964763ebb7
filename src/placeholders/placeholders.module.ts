import { Module } from '@nestjs/common';
import {
  ChannelsPlaceholderController,
  FunctionsPlaceholderController,
  NotesPlaceholderController,
  ToolsPlaceholderController,
} from './placeholders.controller.js';

/** Routes of domains not built yet, answering so the web app renders (see the controller file). */
@Module({
  controllers: [
    ToolsPlaceholderController,
    FunctionsPlaceholderController,
    ChannelsPlaceholderController,
    NotesPlaceholderController,
  ],
})
export class PlaceholdersModule {}
