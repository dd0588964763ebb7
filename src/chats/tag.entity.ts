import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonColumn, type JsonObject } from '../database/columns.js';

/** A user's tag names: a row exists while one of their chats carries the tag. */
@Entity('tag')
@Index('user_id_idx', ['user_id'])
export class TagEntity {
  /** The normalised name: lower-case, spaces as underscores. */
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  name: string;

  @PrimaryColumn({ type: 'varchar' })
  user_id: string;

  @JsonColumn()
  meta: JsonObject | null;
}

/** Which chat carries which tag: mirrors `chat.meta.tags` for indexed filtering. */
@Entity('chat_tag')
@Index('chat_tag_user_tag_idx', ['user_id', 'tag_id'])
export class ChatTagEntity {
  @PrimaryColumn({ type: 'varchar' })
  chat_id: string;

  @PrimaryColumn({ type: 'varchar' })
  tag_id: string;

  @Column({ type: 'varchar' })
  user_id: string;
}
