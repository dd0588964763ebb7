import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { Logger } from '@nestjs/common';
import { AppError, badRequest, errorText } from '../common/errors.js';
import type { FileStorage } from '../storage/file-storage.js';
import { fileExtension, safeFileName } from './file-names.js';

/** What the engine adds to multer's file object once the bytes are stored. */
export interface StoredUpload extends Express.Multer.File {
  id: string;
  /** The safe base name (`filename` in the table). */
  safeName: string;
  path: string;
  size: number;
  sha256: string;
}

export interface UploadRules {
  /** Bytes; undefined = no limit. */
  maxBytes?: number;
  /** Lower-case extensions without the dot; empty = any. */
  allowedExtensions: string[];
}

/**
 * A multer storage engine that streams the upload straight into FileStorage (hashing and counting
 * on the way), so no upload is ever held whole in memory or written twice. The rules are read per
 * request: an admin's change of FILE_MAX_SIZE or ALLOWED_FILE_EXTENSIONS applies at once.
 */
export class UploadStorageEngine implements StorageEngine {
  private readonly logger = new Logger(UploadStorageEngine.name);

  constructor(
    private readonly storage: FileStorage,
    private readonly rules: () => UploadRules,
  ) {}

  _handleFile(
    _req: Request,
    file: Express.Multer.File,
    callback: (error?: unknown, info?: Partial<StoredUpload>) => void,
  ): void {
    const { maxBytes, allowedExtensions } = this.rules();
    const id = randomUUID();
    const safeName = safeFileName(file.originalname);
    const extension = fileExtension(safeName);
    if (allowedExtensions.length > 0 && !allowedExtensions.includes(extension)) {
      file.stream.resume(); // drain what the client still sends
      callback(badRequest(`[ERROR: File type ${extension || '(none)'} is not allowed]`));
      return;
    }
    this.storage.put(`${id}_${safeName}`, file.stream, { maxBytes, contentType: file.mimetype }).then(
      (stored) => callback(null, { id, safeName, path: stored.path, size: stored.size, sha256: stored.sha256 }),
      (error: unknown) => {
        file.stream.resume();
        callback(this.uploadError(error));
      },
    );
  }

  /** Refusals (size, type) keep their status; anything else is logged and reported as upstream does. */
  private uploadError(error: unknown): AppError {
    if (error instanceof AppError) return error;
    this.logger.error(`upload failed: ${errorText(error)}`);
    return badRequest('[ERROR: Error uploading file]');
  }

  _removeFile(_req: Request, file: Express.Multer.File, callback: (error: Error | null) => void): void {
    this.storage.delete(file.path).then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }
}
