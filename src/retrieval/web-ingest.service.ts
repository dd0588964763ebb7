import { Injectable } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { badRequest } from '../common/errors.js';
import { configuredAddressRule, fetchPublicUrl } from '../common/outbound/fetch-public-url.js';
import { FilesService } from '../files/files.service.js';
import { FileProcessingJobs } from './file-processing.jobs.js';

const MAX_PAGE_BYTES = 10 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 20_000;

/**
 * `process/web` and `process/text`. A user-given URL fetched under the outbound rules (public addresses only, checked
 * again on every redirect, bounded in size and time), its readable text kept as a file of the caller,
 * and indexed like an upload: the collection is that file's, so only its owner (and admins) can read it.
 */
@Injectable()
export class WebIngestService {
  constructor(
    private readonly files: FilesService,
    private readonly processing: FileProcessingJobs,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async ingest(caller: CallerUser, url: string) {
    const page = await this.readPage(url);
    const text = page.text;
    const { file, collection_name } = await this.ingestText(caller, url, text, { source: page.url });
    return {
      status: true,
      collection_name,
      filename: url,
      file: { id: file.id, data: { content: text }, meta: { name: url, source: page.url } },
    };
  }

  /**
   * A public page's readable text (`url`: where it was read, after redirects). Refused, as a 400 saying
   * why: internal addresses (unless allowed), error statuses, types without readable text, empty pages.
   */
  async readPage(url: string): Promise<{ url: string; text: string }> {
    const page = await fetchPublicUrl(url, {
      maxBytes: MAX_PAGE_BYTES,
      timeoutMs: FETCH_TIMEOUT_MS,
      ...configuredAddressRule(this.config),
      accept: 'text/html,application/xhtml+xml,text/plain;q=0.9',
      headers: { 'user-agent': `webui-nest/${this.config.version} (+document ingestion)` },
    });
    if (page.status >= 400) throw badRequest(`The page answered ${page.status}`);
    const type = page.contentType.split(';')[0].trim().toLowerCase();
    const body = page.body.toString('utf8');
    let text: string;
    if (type === 'text/html' || type === 'application/xhtml+xml') {
      // The HTML parser and its entity tables (~2 MB of heap) load with the first page, not at start-up.
      const { htmlToText } = await import('./extraction/html-to-text.js');
      text = htmlToText(body, this.config.extraction.maxTextChars);
    } else if (type.startsWith('text/')) text = body.slice(0, this.config.extraction.maxTextChars);
    else throw badRequest(`Pages of type ${type || 'unknown'} cannot be read yet`);
    if (!text.trim()) throw badRequest('The page has no readable text');
    return { url: page.url, text };
  }

  /** `process/text` (and fetched pages): the text kept as a file of the caller and indexed as its collection. */
  async ingestText(caller: CallerUser, name: string, text: string, meta: Record<string, unknown> = {}) {
    const file = await this.files.createFromText(caller, name, text, meta);
    const { collection_name } = await this.processing.processNow(caller, file.id, text);
    return { file, collection_name };
  }
}
