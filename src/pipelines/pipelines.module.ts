import { Module } from '@nestjs/common';
import { PipelinesController } from './pipelines.controller.js';

/** Pipelines servers: none are used by this server (see the controller). */
@Module({ controllers: [PipelinesController] })
export class PipelinesModule {}
