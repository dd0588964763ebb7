import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonColumn, type JsonObject } from '../database/columns.js';
import type { PartialPermissionTree } from '../config/permission-tree.js';

@Entity('group')
export class GroupEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  /** The admin who created it. */
  @Column({ type: 'text' })
  user_id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @JsonColumn()
  data: JsonObject | null;

  @JsonColumn()
  meta: JsonObject | null;

  @JsonColumn()
  permissions: PartialPermissionTree | null;

  @EpochColumn()
  created_at: number;

  @EpochColumn()
  updated_at: number;
}
