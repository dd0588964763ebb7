import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonColumn, type JsonObject } from '../database/columns.js';

@Entity('chat')
export class ChatEntity {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  /** The owner, or `shared-{original id}` for a share snapshot. */
  @Column({ type: 'varchar' })
  user_id: string;

  @Column({ type: 'text' })
  title: string;

  @EpochColumn()
  created_at: number;

  @EpochColumn()
  updated_at: number;

  @Column({ type: 'text', nullable: true })
  share_id: string | null;

  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Column({ type: 'boolean', nullable: true, default: false })
  pinned: boolean | null;

  @JsonColumn({ nullable: false })
  meta: JsonObject;

  @Column({ type: 'text', nullable: true })
  folder_id: string | null;

  /** The SPA's chat document; large. Never selected by list queries. */
  @JsonColumn({ nullable: false })
  chat: JsonObject;
}
