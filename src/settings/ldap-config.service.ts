import { Injectable } from '@nestjs/common';
import { badRequest } from '../common/errors.js';
import type { LdapServerSettings } from '../config/app-config.js';
import type { LdapConfigDto, LdapServerConfigDto } from './dto/ldap-config.dto.js';
import { SettingsService } from './settings.service.js';

/** Fields the directory cannot be asked without; upstream refuses to save the form with any empty. */
const REQUIRED: (keyof LdapServerConfigDto)[] = [
  'label',
  'host',
  'attribute_for_mail',
  'attribute_for_username',
  'app_dn',
  'app_dn_password',
  'search_base',
];

/** The admin's LDAP settings (Admin → Settings → General); sign-in over LDAP reads the same values. */
@Injectable()
export class LdapConfigService {
  constructor(private readonly settings: SettingsService) {}

  config(): LdapConfigDto {
    return { ENABLE_LDAP: this.settings.get().enableLdap };
  }

  async setEnabled(enabled: boolean): Promise<LdapConfigDto> {
    await this.settings.update({ enableLdap: enabled });
    return this.config();
  }

  server(): Required<LdapServerConfigDto> {
    const server = this.settings.get().ldapServer;
    return {
      label: server.label,
      host: server.host,
      port: server.port,
      attribute_for_mail: server.attribute_for_mail,
      attribute_for_username: server.attribute_for_username,
      app_dn: server.app_dn,
      app_dn_password: server.app_password,
      search_base: server.users_dn,
      search_filters: server.search_filter,
      use_tls: server.use_tls,
      certificate_path: server.ca_cert_file,
      validate_cert: server.validate_cert,
      ciphers: server.ciphers,
    };
  }

  async updateServer(input: LdapServerConfigDto): Promise<Required<LdapServerConfigDto>> {
    const current = this.settings.get().ldapServer;
    const form = { attribute_for_mail: 'mail', attribute_for_username: 'uid', ...input };
    const empty = REQUIRED.find((key) => !String(form[key] ?? '').trim());
    if (empty) throw badRequest(`Required field ${empty} is empty`);
    const server: LdapServerSettings = {
      label: form.label,
      host: form.host,
      port: form.port ?? null,
      attribute_for_mail: form.attribute_for_mail,
      attribute_for_username: form.attribute_for_username,
      app_dn: form.app_dn,
      app_password: form.app_dn_password,
      users_dn: form.search_base,
      search_filter: form.search_filters ?? '',
      use_tls: form.use_tls ?? current.use_tls,
      ca_cert_file: form.certificate_path ?? '',
      validate_cert: form.validate_cert ?? current.validate_cert,
      ciphers: form.ciphers ?? 'ALL',
      // Not on the web app's form: kept as the env or an earlier save set it.
      attribute_for_groups: current.attribute_for_groups,
    };
    await this.settings.update({ ldapServer: server });
    return this.server();
  }
}
