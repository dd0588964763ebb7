import { StringField } from '../../common/validators.js';

/** Upstream's LdapForm: the directory user name (not the email) and its password. */
export class LdapSigninDto {
  @StringField({ maxLength: 256, example: 'alice' }) user: string;
  @StringField({ maxLength: 1024, example: 'directory-password' }) password: string;
}
