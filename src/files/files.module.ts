import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { JobsModule } from '../jobs/jobs.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { SettingsService } from '../settings/settings.service.js';
import { FileStorage } from '../storage/file-storage.js';
import { StorageModule } from '../storage/storage.module.js';
import { UsersModule } from '../users/users.module.js';
import { FileReadGrants } from './file-read-grants.js';
import { FilesController } from './files.controller.js';
import { FilesRepository } from './files.repository.js';
import { FilesService } from './files.service.js';
import { ProcessingWatch } from './processing-watch.js';
import { UploadStorageEngine } from './upload-storage.engine.js';

const MB = 1024 * 1024;

/** Uploaded files: rows, bytes in FileStorage, downloads. Processing is queued for the retrieval domain. */
@Module({
  imports: [
    StorageModule,
    JobsModule,
    UsersModule,
    SettingsModule,
    MulterModule.registerAsync({
      imports: [StorageModule, SettingsModule],
      inject: [FileStorage, SettingsService],
      useFactory: (storage: FileStorage, settings: SettingsService) => ({
        storage: new UploadStorageEngine(storage, () => {
          const { FILE_MAX_SIZE, ALLOWED_FILE_EXTENSIONS } = settings.get().rag;
          return {
            maxBytes: FILE_MAX_SIZE === null ? undefined : FILE_MAX_SIZE * MB,
            allowedExtensions: ALLOWED_FILE_EXTENSIONS,
          };
        }),
        // Browsers send names as UTF-8; busboy's default would read them as Latin-1.
        defParamCharset: 'utf8',
        // One file and a few small fields; the file's own size rule is the engine's (per request).
        limits: { files: 1, fields: 10, fieldSize: 200_000, parts: 20, headerPairs: 100 },
      }),
    }),
  ],
  controllers: [FilesController],
  providers: [FilesRepository, FilesService, ProcessingWatch, FileReadGrants],
  exports: [FilesService, FileReadGrants],
})
export class FilesModule {}
