import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Open WebUI's `auth` table: one bcrypt hash per user, same id as the user row. */
@Entity('auth')
@Index('auth_email_idx', ['email'])
export class CredentialEntity {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  email: string;

  @Column({ type: 'text' })
  password: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
