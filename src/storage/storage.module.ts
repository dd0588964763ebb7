import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { FileStorage } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';

/** The file storage for this deployment: local disk by default (STORAGE_PROVIDER picks another). */
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): FileStorage => new LocalFileStorage(config.storage.uploadDir),
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
