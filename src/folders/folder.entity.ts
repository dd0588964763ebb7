import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonColumn, type JsonObject } from '../database/columns.js';

@Entity('folder')
@Index('folder_user_parent_idx', ['user_id', 'parent_id'])
export class FolderEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text', nullable: true })
  parent_id: string | null;

  @Column({ type: 'text' })
  user_id: string;

  @Column({ type: 'text' })
  name: string;

  @JsonColumn()
  items: JsonObject | null;

  @JsonColumn()
  meta: JsonObject | null;

  @JsonColumn()
  data: JsonObject | null;

  @Column({ type: 'boolean', default: false })
  is_expanded: boolean;

  @EpochColumn()
  created_at: number;

  @EpochColumn()
  updated_at: number;
}
