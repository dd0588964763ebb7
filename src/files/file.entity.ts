import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonColumn, type JsonObject } from '../database/columns.js';

export type FileStatus = 'pending' | 'completed' | 'failed';

/**
 * `data`: where processing stands, and the extracted text once it is done: in `content`, or when it
 * is long, stored in FileStorage at `text_path` (and put in `content` only when the file is read).
 */
export interface FileData {
  status?: FileStatus;
  content?: string;
  text_path?: string;
  error?: string;
}

/** Whether the file's text has been extracted (held in the row or stored). */
export const hasText = (file: FileEntity): boolean =>
  typeof file.data?.content === 'string' || typeof file.data?.text_path === 'string';

/** `meta`: what the upload said about the file, and the vector collection it was indexed into. */
export interface FileMeta {
  name: string;
  content_type: string | null;
  size: number;
  /** The client's `metadata` form field, as it sent it. */
  data: JsonObject;
  collection_name?: string;
  /** sha256 of the stored bytes (`hash` is of the extracted text, as upstream). */
  sha256?: string;
}

/** An uploaded file (Open WebUI's `file` table); the bytes live in FileStorage under `path`. */
@Entity('file')
@Index('file_user_id_idx', ['user_id'])
export class FileEntity {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  user_id: string;

  @Column({ type: 'text', nullable: true })
  hash: string | null;

  @Column({ type: 'text' })
  filename: string;

  @Column({ type: 'text', nullable: true })
  path: string | null;

  @JsonColumn()
  data: FileData | null;

  @JsonColumn()
  meta: FileMeta | null;

  @JsonColumn()
  access_control: JsonObject | null;

  @EpochColumn()
  created_at: number;

  @EpochColumn()
  updated_at: number;
}
