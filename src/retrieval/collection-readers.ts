import { Injectable } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';

/** A collection other than a file's, as a caller who may read it sees it. */
export interface ReadableCollection {
  /** The collection's name (the knowledge base's id). */
  collection: string;
  /** What the user calls it (the knowledge base's name), for sources. */
  name: string;
  /** The files indexed into it. */
  fileIds: string[];
}

/** A domain whose objects own collections (knowledge bases, named by their id). */
export interface CollectionReader {
  /** The collection when it is one of this domain's and the caller may read it, else null. */
  readableCollection(caller: CallerUser, name: string): Promise<ReadableCollection | null>;
}

/**
 * Where such domains register (on module init). They sit above retrieval and use it, so retrieval
 * asks them through this list instead of importing them. A name nobody claims is nobody's.
 */
@Injectable()
export class CollectionReaders {
  private readonly readers: CollectionReader[] = [];

  register(reader: CollectionReader): void {
    this.readers.push(reader);
  }

  async readable(caller: CallerUser, name: string): Promise<ReadableCollection | null> {
    for (const reader of this.readers) {
      const collection = await reader.readableCollection(caller, name);
      if (collection) return collection;
    }
    return null;
  }
}
