import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, type JsonObject } from '../database/columns.js';

/** Open WebUI's single-row `config` table: a JSON document addressed by dotted paths. */
@Entity('config')
export class ConfigRowEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @JsonColumn({ nullable: false })
  data: JsonObject;

  @Column({ type: 'integer', default: 0 })
  version: number;

  /**
   * Never read or written by the app (the database fills `created_at`). `Date` is TypeORM's portable
   * timestamp type: DATETIME on SQLite, TIMESTAMP on PostgreSQL, as the migration created them.
   */
  @Column({ type: Date, default: () => 'CURRENT_TIMESTAMP', select: false, insert: false, update: false })
  created_at: Date;

  @Column({ type: Date, nullable: true, select: false, insert: false, update: false })
  updated_at: Date | null;
}
