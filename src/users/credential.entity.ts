import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Open WebUI's `auth` table: one bcrypt hash per user, same id as the user row. */
@Entity('auth')
export class CredentialEntity {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  email: string;

  @Column({ type: 'text' })
  password: string;

  @Column({ type: 'boolean' })
  active: boolean;
}
