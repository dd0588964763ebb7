import { Injectable } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';

/** A domain that shares files it holds (a knowledge base shares its files with its readers). */
export interface FileReadGrant {
  grantsFileRead(caller: CallerUser, fileId: string): Promise<boolean>;
}

/**
 * Where such domains register (on module init). They sit above files and use it, so files asks
 * them through this list instead of importing them.
 */
@Injectable()
export class FileReadGrants {
  private readonly grants: FileReadGrant[] = [];

  register(grant: FileReadGrant): void {
    this.grants.push(grant);
  }

  async grantsRead(caller: CallerUser, fileId: string): Promise<boolean> {
    for (const grant of this.grants) if (await grant.grantsFileRead(caller, fileId)) return true;
    return false;
  }
}
