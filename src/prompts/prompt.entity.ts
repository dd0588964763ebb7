import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonColumn } from '../database/columns.js';
import type { AccessControl } from '../common/access-control.js';

/** A saved prompt the SPA offers on `/command`; the command (with its slash) is the key. */
@Entity('prompt')
export class PromptEntity {
  @PrimaryColumn({ type: 'varchar' })
  command: string;

  @Column({ type: 'varchar' })
  user_id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  content: string;

  /** Epoch seconds of the last write (upstream's name). */
  @EpochColumn()
  timestamp: number;

  /** null: every verified user may read; {}: owner only; {read:{group_ids,user_ids}, write:{…}}. */
  @JsonColumn()
  access_control: AccessControl | null;
}
