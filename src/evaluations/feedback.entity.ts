import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonColumn, type JsonObject } from '../database/columns.js';

/**
 * A rating of an answer (Open WebUI's `feedback` table). `data` holds the rating (1 or -1), the rated
 * model and its siblings, reason, comment, tags, details; `meta` where it was given (chat, message,
 * arena); `snapshot` the whole chat as it was, for the admin's Feedback Details.
 */
@Entity('feedback')
@Index('feedback_user_id_idx', ['user_id'])
@Index('feedback_updated_at_idx', ['updated_at'])
export class FeedbackEntity {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  user_id: string;

  /** Upstream's BIGINT `version` (always 0 so far), read as a number. */
  @EpochColumn()
  version: number;

  @Column({ type: 'text' })
  type: string;

  @JsonColumn()
  data: JsonObject | null;

  @JsonColumn()
  meta: JsonObject | null;

  @JsonColumn()
  snapshot: JsonObject | null;

  @EpochColumn()
  created_at: number;

  @EpochColumn()
  updated_at: number;
}

/** A feedback as lists show it: everything but the chat snapshot, which can be large. */
export type FeedbackSummary = Omit<FeedbackEntity, 'snapshot'>;
