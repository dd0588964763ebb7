import { ApiProperty } from '@nestjs/swagger';
import { BoolField, IntField, StringField } from '../../common/validators.js';

/** Whether the sign-in page offers LDAP. */
export class LdapConfigDto {
  @ApiProperty({ example: false }) ENABLE_LDAP: boolean;
}

export class LdapConfigUpdateDto {
  @BoolField({ example: true }) enable_ldap: boolean;
}

/** The directory LDAP sign-in asks, in the field names of the web app's form (upstream's LdapServerConfig). */
export class LdapServerConfigDto {
  @StringField({ maxLength: 256, example: 'Company directory' }) label: string;
  @StringField({ maxLength: 1024, example: 'ldap.example.com' }) host: string;
  @IntField({ optional: true, nullable: true, min: 1, max: 65_535, example: 636 }) port?: number | null;
  @StringField({ optional: true, maxLength: 256, example: 'mail' }) attribute_for_mail?: string;
  @StringField({ optional: true, maxLength: 256, example: 'uid' }) attribute_for_username?: string;
  @StringField({ maxLength: 1024, example: 'cn=webui,ou=services,dc=example,dc=com' }) app_dn: string;
  @StringField({ maxLength: 1024, example: 'secret' }) app_dn_password: string;
  @StringField({ maxLength: 1024, example: 'ou=people,dc=example,dc=com' }) search_base: string;
  @StringField({ optional: true, maxLength: 4096, example: '(memberOf=cn=chat,ou=groups,dc=example,dc=com)' })
  search_filters?: string;
  @BoolField({ optional: true, example: true }) use_tls?: boolean;
  @StringField({ optional: true, nullable: true, maxLength: 4096, example: '/etc/ssl/certs/ldap-ca.pem' })
  certificate_path?: string | null;
  @BoolField({ optional: true, example: true }) validate_cert?: boolean;
  @StringField({ optional: true, nullable: true, maxLength: 1024, example: 'ALL' }) ciphers?: string | null;
}
