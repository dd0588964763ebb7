import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccessControl } from '../common/access-control.js';
import { EpochColumn, JsonColumn, JsonTextColumn, type JsonObject } from '../database/columns.js';

/**
 * A custom model row. `base_model_id` null: an admin override of the provider model with the same
 * id (its name, meta, access). Otherwise a preset: params and a system prompt on a base model.
 */
@Entity('model')
@Index('model_base_model_id_idx', ['base_model_id'])
export class ModelEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  user_id: string;

  @Column({ type: 'text', nullable: true })
  base_model_id: string | null;

  @Column({ type: 'text' })
  name: string;

  @JsonTextColumn({ nullable: false })
  params: JsonObject;

  @JsonTextColumn({ nullable: false })
  meta: JsonObject;

  /** null: every verified user may read; {}: owner only; {read:{group_ids,user_ids}, write:{…}}. */
  @JsonColumn()
  access_control: AccessControl | null;

  @Column({ type: 'boolean', default: true })
  is_active: boolean;

  @EpochColumn()
  updated_at: number;

  @EpochColumn()
  created_at: number;
}
