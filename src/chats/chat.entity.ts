import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonColumn, type JsonObject } from '../database/columns.js';

/**
 * The search tables (`chat_search`: FTS5 on SQLite, pg_trgm on PostgreSQL; SQLite's `chat_search_doc`,
 * `chat_search_chat` and `chat_search_owner`) and `chat_message_patch` are written with SQL and have no
 * entity: TypeORM's schema diff leaves tables without an entity alone (test/schema.test.ts checks the diff is empty on both drivers).
 */
@Entity('chat')
@Index('chat_user_list_idx', ['user_id', 'archived', 'pinned', 'updated_at'])
// A user's chats newest first whatever `pinned` is: search walks them in order and stops at a full page.
@Index('chat_user_recent_idx', ['user_id', 'archived', 'updated_at'])
@Index('folder_id_user_id_idx', ['folder_id', 'user_id'])
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

  @Column({ type: 'text', nullable: true, unique: true })
  share_id: string | null;

  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Column({ type: 'boolean', nullable: true, default: false })
  pinned: boolean | null;

  @JsonColumn({ nullable: false, default: '{}' })
  meta: JsonObject;

  @Column({ type: 'text', nullable: true })
  folder_id: string | null;

  /** The SPA's chat document; large. Never selected by list queries. */
  @JsonColumn({ nullable: false })
  chat: JsonObject;
}
