import { Module } from '@nestjs/common';
import { DatabaseDownloadController } from './database-download.controller.js';
import { DatabaseDownloadService } from './database-download.service.js';

/** The admin's download of the whole SQLite database (snapshots come from the global DatabaseModule). */
@Module({ controllers: [DatabaseDownloadController], providers: [DatabaseDownloadService] })
export class DatabaseDownloadModule {}
