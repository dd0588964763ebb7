import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { FileStorage } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';

/** The file storage for this deployment: local disk by default, S3-compatible with STORAGE_PROVIDER=s3. */
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [APP_CONFIG],
      // The AWS SDK is loaded only for S3 (~160 ms and ~23 MB at start otherwise).
      useFactory: async (config: AppConfig): Promise<FileStorage> => {
        if (config.storage.provider !== 's3') return new LocalFileStorage(config.storage.uploadDir);
        const { createS3FileStorage } = await import('./s3-file-storage.js');
        return createS3FileStorage(config.storage);
      },
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
