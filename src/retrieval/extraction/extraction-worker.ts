// The one script extraction workers run: parses the file it is given and posts the text back.
import { parentPort, workerData } from 'node:worker_threads';
import { errorText } from '../../common/errors.js';
import { ExtractionError } from './extraction-error.js';
import { FORMAT_NAMES } from './file-format.js';
import { parseDocument, type ParseRequest, type WorkerReply } from './parse-document.js';

const request = workerData as ParseRequest;
const post = (reply: WorkerReply) => parentPort?.postMessage(reply);

parseDocument(request).then(
  (document) => post({ ok: true, document }),
  (error: unknown) =>
    post({
      ok: false,
      message:
        error instanceof ExtractionError
          ? error.message
          : `${FORMAT_NAMES[request.format]} could not be read: ${errorText(error)}`,
    }),
);
