import { Module } from '@nestjs/common';
import {
  ChannelsPlaceholderController,
  EvaluationsPlaceholderController,
  FunctionsPlaceholderController,
  KnowledgePlaceholderController,
  NotesPlaceholderController,
  ToolsPlaceholderController,
} from './placeholders.controller.js';

/** Routes of domains not built yet, answering so the web app renders (see the controller file). */
@Module({
  controllers: [
    ToolsPlaceholderController,
    FunctionsPlaceholderController,
    KnowledgePlaceholderController,
    ChannelsPlaceholderController,
    NotesPlaceholderController,
    EvaluationsPlaceholderController,
  ],
})
export class PlaceholdersModule {}
