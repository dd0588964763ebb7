import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochColumn } from '../database/columns.js';

@Entity('group_member')
export class GroupMemberEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  group_id: string;

  @Column({ type: 'text' })
  user_id: string;

  @EpochColumn({ nullable: true })
  created_at: number | null;

  @EpochColumn({ nullable: true })
  updated_at: number | null;
}
