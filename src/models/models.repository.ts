import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import { ModelEntity } from './model.entity.js';

/** Every completion resolves its model from these rows: they are cached this long per instance. */
const ROWS_TTL_MS = 2_000;

export interface PresetFilter {
  /** Only this user's presets (non-admins). */
  userId?: string;
  query?: string;
  orderBy?: 'name' | 'created_at' | 'updated_at';
  direction?: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** The `model` table: presets (with a base model) and overrides of provider models (without). */
@Injectable()
export class ModelsRepository {
  private cached?: { rows: ModelEntity[]; expiresAt: number };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(ModelEntity);
  }

  /** Every row, oldest first; served from a short cache that writes here clear (other instances: the TTL). */
  async listAllCached(): Promise<ModelEntity[]> {
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached.rows;
    const rows = await this.listAll();
    this.cached = { rows, expiresAt: Date.now() + ROWS_TTL_MS };
    return rows;
  }

  listAll(): Promise<ModelEntity[]> {
    return this.rows.find({ order: { created_at: 'ASC', id: 'ASC' } });
  }

  /** A page of presets and their total. */
  async listPresets(filter: PresetFilter): Promise<{ items: ModelEntity[]; total: number }> {
    const builder = this.rows.createQueryBuilder('m').where('m.base_model_id IS NOT NULL');
    if (filter.userId) builder.andWhere('m.user_id = :userId', { userId: filter.userId });
    if (filter.query) builder.andWhere('LOWER(m.name) LIKE :q', { q: `%${filter.query.toLowerCase()}%` });
    builder
      .orderBy(`m.${filter.orderBy ?? 'created_at'}`, filter.direction === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('m.id');
    const [items, total] = await builder.skip(filter.offset).take(filter.limit).getManyAndCount();
    return { items, total };
  }

  overrides(): Promise<ModelEntity[]> {
    return this.rows.find({ where: { base_model_id: IsNull() }, order: { created_at: 'ASC' } });
  }

  findById(id: string): Promise<ModelEntity | null> {
    return this.rows.findOneBy({ id });
  }

  insert(row: ModelEntity): Promise<void> {
    return this.write((manager) => manager.getRepository(ModelEntity).insert(row));
  }

  update(id: string, changes: Partial<ModelEntity>): Promise<void> {
    return this.write((manager) => manager.getRepository(ModelEntity).update({ id }, changes));
  }

  delete(id: string): Promise<void> {
    return this.write((manager) => manager.getRepository(ModelEntity).delete({ id }));
  }

  deleteAll(): Promise<void> {
    return this.write((manager) => manager.getRepository(ModelEntity).clear());
  }

  private async write(work: (manager: EntityManager) => Promise<unknown>): Promise<void> {
    await this.db.transaction(work);
    this.cached = undefined;
  }
}
