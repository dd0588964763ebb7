import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { DatabaseService } from '../database/database.service.js';
import { ConfigRowEntity } from './config-row.entity.js';

/** The `config` table: the latest row holds the persisted runtime settings. */
@Injectable()
export class SettingsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
  ) {}

  /** The saved settings document; empty when none was saved. */
  async latestData(): Promise<Record<string, unknown>> {
    return (await this.latestRow(this.dataSource.getRepository(ConfigRowEntity)))?.data ?? {};
  }

  /** Reads the latest document, lets `change` edit a copy and saves it, in one transaction. */
  async updateData(change: (data: Record<string, unknown>) => void): Promise<Record<string, unknown>> {
    return this.db.transaction(async (manager) => {
      const repository = manager.getRepository(ConfigRowEntity);
      const row = await this.latestRow(repository);
      const data = structuredClone(row?.data ?? {});
      change(data);
      if (row) await repository.update({ id: row.id }, { data });
      else await repository.insert({ data, version: 0 });
      return data;
    });
  }

  private latestRow(repository: Repository<ConfigRowEntity>): Promise<ConfigRowEntity | null> {
    return repository.findOne({ where: {}, order: { id: 'DESC' } });
  }
}
