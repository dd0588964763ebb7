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

  @Column({ type: 'varchar', nullable: true, select: false, insert: false, update: false })
  created_at: string | null;

  @Column({ type: 'varchar', nullable: true, select: false, insert: false, update: false })
  updated_at: string | null;
}
