import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { badRequest, MESSAGES, notFound } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { EventBus } from '../events/event-bus.js';
import type { CallerUser } from '../access/auth-context.js';
import type { CreateFolderDto, UpdateFolderDto } from './dto/folders.dto.js';
import { FolderEntity } from './folder.entity.js';
import { FoldersRepository } from './folders.repository.js';

const FOLDER_EXISTS = '[ERROR: Folder already exists]';

@Injectable()
export class FoldersService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly events: EventBus,
  ) {}

  /** The user's folders; any whose parent is gone is moved back to the root. */
  async list(user: CallerUser) {
    const folders = await this.folders.listForUser(user.id);
    const ids = new Set(folders.map((folder) => folder.id));
    for (const folder of folders.filter((f) => f.parent_id && !ids.has(f.parent_id))) {
      folder.parent_id = null;
      await this.folders.update(folder.id, { parent_id: null });
    }
    return folders.map(({ id, name, meta, parent_id, is_expanded, created_at, updated_at }) => ({
      id,
      name,
      meta,
      parent_id,
      is_expanded,
      created_at,
      updated_at,
    }));
  }

  /** Always created at the root; names are unique per parent, case-insensitively. */
  async create(user: CallerUser, input: CreateFolderDto) {
    const name = input.name.trim();
    if (!name) throw badRequest('Folder name cannot be empty');
    if (await this.folders.nameTaken(user.id, null, name)) throw badRequest(FOLDER_EXISTS);
    const now = nowSeconds();
    const folder = Object.assign(new FolderEntity(), {
      id: randomUUID(),
      parent_id: null,
      user_id: user.id,
      name,
      items: null,
      meta: input.meta ?? null,
      data: input.data ?? null,
      is_expanded: false,
      created_at: now,
      updated_at: now,
    });
    await this.folders.insert(folder);
    return folder;
  }

  get(user: CallerUser, id: string) {
    return this.owned(user, id);
  }

  /** Name, and shallow merges of `data` and `meta` into what is stored. */
  async update(user: CallerUser, id: string, input: UpdateFolderDto) {
    const folder = await this.owned(user, id);
    const name = input.name?.trim() || folder.name;
    if (name !== folder.name && (await this.folders.nameTaken(user.id, folder.parent_id, name, id))) {
      throw badRequest(FOLDER_EXISTS);
    }
    const changes: Partial<FolderEntity> = { name, updated_at: nowSeconds() };
    if (input.data) changes.data = { ...(folder.data ?? {}), ...input.data };
    if (input.meta) changes.meta = { ...(folder.meta ?? {}), ...input.meta };
    await this.folders.update(id, changes);
    return { ...folder, ...changes };
  }

  async move(user: CallerUser, id: string, parentId: string | null) {
    const folder = await this.owned(user, id);
    if (parentId !== null) {
      await this.owned(user, parentId);
      // Deliberate fix: upstream allows cycles, which make a subtree unreachable.
      if ((await this.folders.subtreeIds(user.id, id)).includes(parentId)) {
        throw badRequest('A folder cannot be moved into itself or one of its sub-folders');
      }
    }
    if (await this.folders.nameTaken(user.id, parentId, folder.name, id)) throw badRequest(FOLDER_EXISTS);
    const changes = { parent_id: parentId, updated_at: nowSeconds() };
    await this.folders.update(id, changes);
    return { ...folder, ...changes };
  }

  async setExpanded(user: CallerUser, id: string, isExpanded: boolean) {
    const folder = await this.owned(user, id);
    const changes = { is_expanded: isExpanded, updated_at: nowSeconds() };
    await this.folders.update(id, changes);
    return { ...folder, ...changes };
  }

  /** Deletes the subtree; its chats are deleted, or moved to the root with deleteContents=false. */
  async delete(user: CallerUser, id: string, deleteContents: boolean) {
    await this.owned(user, id);
    const ids = await this.folders.subtreeIds(user.id, id);
    // Awaited: the chats go (or move to the root) first, and a refusal stops the delete.
    await this.events.emitAsync(DomainEvent.FoldersDeleting, { user, folderId: id, folderIds: ids, deleteContents });
    await this.folders.delete(ids);
    this.events.emit(DomainEvent.ChatUpdated, { userId: user.id, chatId: null });
    return true;
  }

  /** The user's folder, or null (a completion's folder system prompt). */
  findOwned(userId: string, id: string): Promise<FolderEntity | null> {
    return this.folders.findOwned(userId, id);
  }

  /** Folders whose name matches (`_` as space, any case): the chat search's `folder:` filter. */
  findByName(userId: string, name: string): Promise<FolderEntity[]> {
    return this.folders.findByName(userId, name);
  }

  /** The folder and every folder below it. */
  subtreeIds(userId: string, rootId: string): Promise<string[]> {
    return this.folders.subtreeIds(userId, rootId);
  }

  /** A deleted user's folders go with them. */
  @OnEvent(DomainEvent.UserDeleted, { async: true, promisify: true, suppressErrors: false })
  async onUserDeleted({ userId }: DomainEventPayloads[typeof DomainEvent.UserDeleted]): Promise<void> {
    await this.folders.deleteAllOfUser(userId);
  }

  private async owned(user: CallerUser, id: string): Promise<FolderEntity> {
    const folder = await this.folders.findOwned(user.id, id);
    if (!folder) throw notFound(MESSAGES.NOT_FOUND);
    return folder;
  }
}
