import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonTextColumn } from '../database/columns.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * API keys, stored only as a SHA-256 hash (the key has 128 random bits, so a fast hash is enough)
 * with a display hint. Upstream keeps the plain key in `user.api_key`; we never store it.
 */
@Entity('api_key')
@Index('api_key_user_id_idx', ['user_id'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  @ForeignKey(() => UserEntity, { onDelete: 'CASCADE' })
  user_id: string;

  @Column({ type: 'varchar', unique: true })
  key_hash: string;

  /** e.g. "sk-1a2b…9f0e": enough to recognise a key, useless to an attacker. */
  @Column({ type: 'varchar' })
  hint: string;

  @JsonTextColumn({ nullable: false })
  scopes: string[];

  @EpochColumn({ nullable: true })
  last_used_at: number | null;

  @EpochColumn({ nullable: true })
  expires_at: number | null;

  @EpochColumn()
  created_at: number;
}
