import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Readiness of the database for `/health/db`: the one thing outside repositories that touches it. */
@Injectable()
export class DatabaseHealthService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A real round trip. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
