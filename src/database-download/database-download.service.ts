import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { badRequest, forbidden } from '../common/errors.js';
import { type DatabaseSnapshot, DatabaseSnapshotService } from '../database/database-snapshot.service.js';

export const EXPORT_DISABLED = 'Admin export is disabled on this server (ENABLE_ADMIN_EXPORT=false).';
// Open WebUI's DB_NOT_SQLITE, and what to use instead.
export const NOT_SQLITE =
  'This feature is only available when running with SQLite databases. On PostgreSQL, back up with pg_dump.';

/** Admin → Settings → Database → Download Database: the whole SQLite file, when admin export is on. */
@Injectable()
export class DatabaseDownloadService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly snapshots: DatabaseSnapshotService,
  ) {}

  /** A consistent copy to send; the caller discards it once sent (or abandoned). */
  snapshot(): Promise<DatabaseSnapshot> {
    if (!this.config.features.enableAdminExport) throw forbidden(EXPORT_DISABLED);
    if (!this.snapshots.supported) throw badRequest(NOT_SQLITE);
    return this.snapshots.snapshot();
  }
}
