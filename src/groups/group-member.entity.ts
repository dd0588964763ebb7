import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { EpochColumn } from '../database/columns.js';
import { UserEntity } from '../users/user.entity.js';
import { GroupEntity } from './group.entity.js';

@Entity('group_member')
@Unique('uq_group_member_group_user', ['group_id', 'user_id'])
@Index('group_member_user_id_idx', ['user_id'])
export class GroupMemberEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  @ForeignKey(() => GroupEntity, { onDelete: 'CASCADE' })
  group_id: string;

  @Column({ type: 'text' })
  @ForeignKey(() => UserEntity, { onDelete: 'CASCADE' })
  user_id: string;

  @EpochColumn({ nullable: true })
  created_at: number | null;

  @EpochColumn({ nullable: true })
  updated_at: number | null;
}
