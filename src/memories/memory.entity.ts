import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../database/columns.js';

/** A fact a user asked the assistant to remember; private to that user. */
@Entity('memory')
export class MemoryEntity {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  user_id: string;

  @Column({ type: 'text' })
  content: string;

  @EpochColumn()
  updated_at: number;

  @EpochColumn()
  created_at: number;
}
