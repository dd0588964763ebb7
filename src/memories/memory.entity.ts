import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../database/columns.js';

/** A fact a user asked the assistant to remember; private to that user. */
@Entity('memory')
@Index('memory_user_id_idx', ['user_id'])
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
