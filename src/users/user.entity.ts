import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../config/app-config.js';
import { EpochColumn, JsonTextColumn, type JsonObject } from '../database/columns.js';

@Entity('user')
@Index('user_email_idx', ['email'])
@Index('user_created_at_idx', ['created_at'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  name: string;

  /** Lower-cased by every create path; uniqueness is enforced in code, as upstream does. */
  @Column({ type: 'varchar' })
  email: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  username: string | null;

  @Column({ type: 'varchar' })
  role: Role;

  @Column({ type: 'text' })
  profile_image_url: string;

  @Column({ type: 'text', nullable: true })
  bio: string | null;

  @Column({ type: 'text', nullable: true })
  gender: string | null;

  @Column({ type: 'date', nullable: true })
  date_of_birth: string | null;

  @JsonTextColumn()
  info: JsonObject | null;

  @JsonTextColumn()
  settings: JsonObject | null;

  /** Kept for schema compatibility with Open WebUI; keys live hashed in `api_key` instead. */
  @Column({ type: 'varchar', nullable: true, unique: true })
  api_key: string | null;

  @Column({ type: 'text', nullable: true, unique: true })
  oauth_sub: string | null;

  @EpochColumn()
  last_active_at: number;

  @EpochColumn()
  updated_at: number;

  @EpochColumn()
  created_at: number;
}
