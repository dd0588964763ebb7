import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import { type FileReadGrant, FileReadGrants } from '../files/file-read-grants.js';
import { ResourceAccess } from '../permissions/resource-access.service.js';
import { type CollectionReader, CollectionReaders, type ReadableCollection } from '../retrieval/collection-readers.js';
import { fileIdsOf } from './knowledge.entity.js';
import { KnowledgeRepository } from './knowledge.repository.js';

/**
 * What reading a knowledge base lets one read elsewhere: its files (files routes, attachments)
 * and its collection (retrieval queries, completions). Registered with the files and retrieval
 * domains, which sit below knowledge and cannot import it.
 */
@Injectable()
export class KnowledgeSharing implements FileReadGrant, CollectionReader, OnModuleInit {
  constructor(
    private readonly rows: KnowledgeRepository,
    private readonly access: ResourceAccess,
    private readonly fileGrants: FileReadGrants,
    private readonly collections: CollectionReaders,
  ) {}

  onModuleInit(): void {
    this.fileGrants.register(this);
    this.collections.register(this);
  }

  async grantsFileRead(caller: CallerUser, fileId: string): Promise<boolean> {
    for (const row of await this.rows.listContainingFile(fileId)) {
      if (await this.access.may(caller, row, 'read')) return true;
    }
    return false;
  }

  /** A knowledge base's collection is named by its id; any other name is not ours. */
  async readableCollection(caller: CallerUser, name: string): Promise<ReadableCollection | null> {
    const row = await this.rows.findById(name);
    if (!row || !(await this.access.may(caller, row, 'read'))) return null;
    return { collection: row.id, name: row.name, fileIds: fileIdsOf(row) };
  }
}
