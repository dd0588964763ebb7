import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccessControl } from '../common/access-control.js';
import { EpochColumn, JsonColumn, type JsonObject } from '../database/columns.js';

/** `data`: the files in the knowledge base, in the order they were added. */
export interface KnowledgeData {
  file_ids: string[];
}

/**
 * A knowledge base: named files whose chunks are indexed together in the collection named after
 * its id, shared through the resource ACL.
 */
@Entity('knowledge')
@Index('knowledge_user_id_idx', ['user_id'])
export class KnowledgeEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  user_id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @JsonColumn()
  data: KnowledgeData | null;

  @JsonColumn()
  meta: JsonObject | null;

  /** null: every verified user may read; {}: owner only; {read:{group_ids,user_ids}, write:{…}}. */
  @JsonColumn()
  access_control: AccessControl | null;

  @EpochColumn()
  created_at: number;

  @EpochColumn()
  updated_at: number;
}

/** The file ids a row lists (the column may be null or hold junk from an older writer). */
export function fileIdsOf(row: Pick<KnowledgeEntity, 'data'>): string[] {
  const ids = row.data?.file_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
