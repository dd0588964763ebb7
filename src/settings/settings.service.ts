import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AppConfig, RuntimeSettingsSeed } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { PubSub } from '../kv/pub-sub.js';
import { fillPermissions, type PartialPermissionTree } from '../config/permission-tree.js';
import { SettingsRepository } from './settings.repository.js';

const SETTINGS_CHANNEL = 'settings:changed';

export type RuntimeSettings = RuntimeSettingsSeed;

/**
 * Where each setting lives in Open WebUI's `config` JSON, so a database copied from Open WebUI
 * keeps its saved values and ours stay readable by it.
 */
const PATHS: Record<keyof RuntimeSettings, string> = {
  enableSignup: 'ui.enable_signup',
  enableLoginForm: 'ui.ENABLE_LOGIN_FORM',
  defaultUserRole: 'ui.default_user_role',
  defaultGroupId: 'ui.default_group_id',
  jwtExpiresIn: 'auth.jwt_expiry',
  enableApiKeys: 'auth.enable_api_keys',
  apiKeyEndpointRestrictions: 'auth.api_key.endpoint_restrictions',
  apiKeysAllowedEndpoints: 'auth.api_key.allowed_endpoints',
  showAdminDetails: 'auth.admin.show',
  adminEmail: 'auth.admin.email',
  webuiUrl: 'webui.url',
  enableCommunitySharing: 'ui.enable_community_sharing',
  enableMessageRating: 'ui.enable_message_rating',
  enableChannels: 'channels.enable',
  enableNotes: 'notes.enable',
  enableUserWebhooks: 'ui.enable_user_webhooks',
  pendingUserOverlayTitle: 'ui.pending_user_overlay_title',
  pendingUserOverlayContent: 'ui.pending_user_overlay_content',
  responseWatermark: 'ui.watermark',
  enableLdap: 'ldap.enable',
  defaultLocale: 'ui.default_locale',
  defaultModels: 'ui.default_models',
  defaultPinnedModels: 'ui.default_pinned_models',
  webhookUrl: 'webhook_url',
  permissions: 'user.permissions',
  primaryAdminId: 'auth.admin.primary_id',
  openai: 'openai.connections',
  ollama: 'ollama.connections',
  tasks: 'task.config',
  banners: 'ui.banners',
  rag: 'rag.config',
  ldapServer: 'ldap.server',
  web: 'rag.web.config',
  enableArenaModels: 'evaluation.arena.enable',
  arenaModels: 'evaluation.arena.models',
};

/** Settings saved as one object: a saved object fills in the seed, so keys added later keep their defaults. */
const MERGED_OBJECTS: ReadonlySet<keyof RuntimeSettings> = new Set(['rag', 'web', 'ldapServer']);

const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readPath(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], data);
}

function writePath(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = data;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (typeof next === 'object' && next !== null ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/**
 * Settings an admin can change at run time (Open WebUI's PersistentConfig): the env gives the
 * first value, a saved value in the `config` table wins. Reads are served from memory.
 */
@Injectable()
export class SettingsService implements OnModuleInit {
  private current: RuntimeSettings;
  private readonly logger = new Logger(SettingsService.name);
  private reloadTicket = 0;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly rows: SettingsRepository,
    private readonly pubSub: PubSub,
  ) {
    this.current = { ...config.settings };
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    // Another instance saved settings: read them again (the row is the source of truth).
    const reload = () => {
      this.reload().catch((error: Error) => this.logger.warn(`Settings reload failed: ${error.message}`));
    };
    await this.pubSub.subscribe(SETTINGS_CHANNEL, reload);
    this.pubSub.onResync(reload);
  }

  get(): RuntimeSettings {
    return this.current;
  }

  async reload(): Promise<void> {
    // Reloads may overlap (two broadcasts in a row): only the latest one started may apply.
    const ticket = ++this.reloadTicket;
    const data = await this.rows.latestData();
    if (ticket === this.reloadTicket) this.current = this.overlay(data);
  }

  /** Saves the given settings into the config row (one transaction) and applies them here. */
  async update(changes: Partial<RuntimeSettings>): Promise<RuntimeSettings> {
    const data = await this.rows.updateData((data) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) writePath(data, PATHS[key as keyof RuntimeSettings], value);
      }
    });
    this.current = this.overlay(data);
    await this.pubSub.publish(SETTINGS_CHANNEL, 'changed');
    return this.current;
  }

  private overlay(data: Record<string, unknown>): RuntimeSettings {
    const settings: Record<string, unknown> = { ...this.config.settings };
    if (!this.config.persistentConfig) return settings as unknown as RuntimeSettings;
    for (const [key, path] of Object.entries(PATHS)) {
      const saved = readPath(data, path);
      const seed = settings[key];
      // A saved value counts only when its type fits the setting: a hand-edited row cannot break boot.
      const fits =
        saved !== undefined &&
        (seed === null ||
          saved === null ||
          (typeof saved === typeof seed && Array.isArray(saved) === Array.isArray(seed)) ||
          (seed === undefined && typeof saved === 'string'));
      if (fits) {
        settings[key] =
          key === 'permissions'
            ? fillPermissions(saved as PartialPermissionTree, this.config.settings.permissions)
            : MERGED_OBJECTS.has(key as keyof RuntimeSettings) && isPlainObject(saved)
              ? { ...(seed as object), ...saved }
              : saved;
      }
    }
    return settings as unknown as RuntimeSettings;
  }
}
