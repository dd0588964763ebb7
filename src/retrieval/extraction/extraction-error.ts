import { AppError } from '../../common/errors.js';

/**
 * A file that could not be turned into text. Its message is shown to the user as it is, and the
 * error filter answers it as a 400, as Open WebUI does when processing a file fails.
 */
export class ExtractionError extends AppError {
  constructor(message: string) {
    super('bad_request', message);
    this.name = 'ExtractionError';
  }
}

/** Bytes as whole megabytes, for limits named in messages. */
export const megabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;
