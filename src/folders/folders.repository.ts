import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import { FolderEntity } from './folder.entity.js';

@Injectable()
export class FoldersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  private get folders() {
    return this.dataSource.getRepository(FolderEntity);
  }

  listForUser(userId: string): Promise<FolderEntity[]> {
    return this.folders.find({ where: { user_id: userId }, order: { created_at: 'ASC', id: 'ASC' } });
  }

  findOwned(userId: string, id: string): Promise<FolderEntity | null> {
    return this.folders.findOneBy({ id, user_id: userId });
  }

  /** Case-insensitive name clash among siblings (same parent), other than `exceptId`. */
  async nameTaken(userId: string, parentId: string | null, name: string, exceptId?: string): Promise<boolean> {
    const siblings = await this.folders.find({
      select: { id: true, name: true, parent_id: true },
      where: { user_id: userId },
    });
    return siblings.some(
      (folder) =>
        folder.id !== exceptId &&
        (folder.parent_id ?? null) === parentId &&
        folder.name.toLowerCase() === name.toLowerCase(),
    );
  }

  /** The folder and every folder below it, from one read of the user's folders. */
  async subtreeIds(userId: string, rootId: string): Promise<string[]> {
    const all = await this.folders.find({ select: { id: true, parent_id: true }, where: { user_id: userId } });
    const children = new Map<string, string[]>();
    for (const folder of all) {
      if (folder.parent_id) children.set(folder.parent_id, [...(children.get(folder.parent_id) ?? []), folder.id]);
    }
    const ids: string[] = [];
    const pending = [rootId];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const id = pending.pop()!;
      // Parent links are not checked for cycles upstream; never loop on one.
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
      pending.push(...(children.get(id) ?? []));
    }
    return ids;
  }

  async findByName(userId: string, name: string): Promise<FolderEntity[]> {
    const normalized = name.replaceAll('_', ' ').toLowerCase();
    const all = await this.listForUser(userId);
    return all.filter((folder) => folder.name.replaceAll('_', ' ').toLowerCase() === normalized);
  }

  async insert(folder: FolderEntity): Promise<void> {
    await this.db.transaction((manager) => manager.getRepository(FolderEntity).insert(folder));
  }

  async update(id: string, changes: Partial<FolderEntity>): Promise<void> {
    await this.db.transaction((manager) => manager.getRepository(FolderEntity).update({ id }, changes));
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction((manager) => manager.getRepository(FolderEntity).delete({ id: In(ids) }));
  }

  async deleteAllOfUser(userId: string): Promise<void> {
    await this.db.transaction((manager) => manager.getRepository(FolderEntity).delete({ user_id: userId }));
  }
}
