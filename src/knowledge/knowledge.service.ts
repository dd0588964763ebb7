import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CallerUser } from '../access/auth-context.js';
import { forbidden, MESSAGES, notFound, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { DomainEvent } from '../events/domain-events.js';
import { EventBus } from '../events/event-bus.js';
import type { FileMetadata } from '../files/files.repository.js';
import { FilesService } from '../files/files.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { ResourceAccess } from '../permissions/resource-access.service.js';
import { RetrievalService } from '../retrieval/retrieval.service.js';
import { UsersService } from '../users/users.service.js';
import type { KnowledgeFormDto, KnowledgeUpdateDto } from './dto/knowledge.dto.js';
import { fileIdsOf, KnowledgeEntity } from './knowledge.entity.js';
import { type KnowledgeChanges, KnowledgeRepository } from './knowledge.repository.js';

export type KnowledgeWithFiles = KnowledgeEntity & { files: FileMetadata[] };

/**
 * `/api/v1/knowledge`: knowledge bases and who may see them (Open WebUI's resource ACL through
 * ResourceAccess). A knowledge base the caller may not read answers like a missing one (404).
 */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly rows: KnowledgeRepository,
    private readonly access: ResourceAccess,
    private readonly permissions: PermissionsService,
    private readonly users: UsersService,
    private readonly files: FilesService,
    private readonly retrieval: RetrievalService,
    private readonly events: EventBus,
  ) {}

  /** The knowledge bases the caller may read (`read`) or edit (`write`), with their owners and files. */
  async list(user: CallerUser, permission: 'read' | 'write') {
    const rows = await this.access.filter(user, await this.rows.listAll(), permission);
    return this.users.withOwners(await this.withFiles(rows));
  }

  async create(user: CallerUser, input: KnowledgeFormDto): Promise<KnowledgeWithFiles> {
    if (user.role !== 'admin' && !(await this.permissions.has(user.id, 'workspace', 'knowledge'))) {
      throw unauthorized(MESSAGES.UNAUTHORIZED);
    }
    const now = nowSeconds();
    const row: KnowledgeEntity = {
      id: randomUUID(),
      user_id: user.id,
      name: input.name,
      description: input.description,
      data: { file_ids: [] },
      meta: null,
      access_control: await this.access.allowed(user, 'knowledge', input.access_control),
      created_at: now,
      updated_at: now,
    };
    await this.rows.insert(row);
    return { ...row, files: [] };
  }

  async get(user: CallerUser, id: string): Promise<KnowledgeWithFiles> {
    return this.oneWithFiles(await this.readable(user, id));
  }

  async update(user: CallerUser, id: string, input: KnowledgeUpdateDto): Promise<KnowledgeWithFiles> {
    const row = await this.writable(user, id);
    const changes: KnowledgeChanges = {
      name: input.name ?? row.name,
      description: input.description ?? row.description,
      access_control: await this.access.changed(user, 'knowledge', row, input.access_control),
      updated_at: nowSeconds(),
    };
    await this.rows.update(row.id, changes);
    return this.oneWithFiles({ ...row, ...changes });
  }

  /** Models stop naming it (awaited), its chunks go, then the row. Its files stay their owners'. */
  async delete(user: CallerUser, id: string): Promise<boolean> {
    const row = await this.writable(user, id);
    await this.events.emitAsync(DomainEvent.KnowledgeDeleted, { knowledgeId: row.id });
    await this.retrieval.deleteFromCollection(row.id, null);
    await this.rows.delete(row.id);
    return true;
  }

  /** A knowledge base the caller may read; a missing one and a hidden one are the same 404. */
  async readable(user: CallerUser, id: string): Promise<KnowledgeEntity> {
    const row = await this.rows.findById(id);
    if (!row || !(await this.access.may(user, row, 'read'))) throw notFound();
    return row;
  }

  /** One the caller may edit; a reader who may not learns so (403), anyone else gets the 404. */
  async writable(user: CallerUser, id: string): Promise<KnowledgeEntity> {
    const row = await this.readable(user, id);
    if (!(await this.access.may(user, row, 'write'))) throw forbidden(MESSAGES.ACCESS_PROHIBITED);
    return row;
  }

  async oneWithFiles(row: KnowledgeEntity): Promise<KnowledgeWithFiles> {
    return (await this.withFiles([row]))[0];
  }

  /**
   * The rows with what their files still exist of. A deleted file leaves a dangling id behind (files
   * sit below knowledge and do not know it); it is pruned here, as upstream does on listing.
   */
  private async withFiles(rows: KnowledgeEntity[]): Promise<KnowledgeWithFiles[]> {
    const found = new Map((await this.files.metadata(rows.flatMap(fileIdsOf))).map((file) => [file.id, file]));
    const result: KnowledgeWithFiles[] = [];
    for (const row of rows) {
      const listed = fileIdsOf(row);
      const missing = new Set(listed.filter((id) => !found.has(id)));
      const current =
        missing.size === 0
          ? row
          : ((await this.rows.changeFileIds(row.id, (ids) => ids.filter((id) => !missing.has(id)))) ?? row);
      result.push({ ...current, files: fileIdsOf(current).flatMap((id) => found.get(id) ?? []) });
    }
    return result;
  }
}
