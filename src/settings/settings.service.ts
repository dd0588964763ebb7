import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AppConfig, RuntimeSettingsSeed } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { PubSub } from '../kv/pub-sub.js';
import { fillPermissions, type PartialPermissionTree } from '../config/permission-tree.js';
import { SettingsRepository } from './settings.repository.js';
import {
  type ConfigDocument,
  deletePath,
  fitsSeed,
  isPlainObject,
  mergeInto,
  readPath,
  writePath,
} from './config-document.js';
import {
  CODE_EXECUTION_PATHS,
  type FieldPaths,
  IMAGE_PATHS,
  PATH_CHOICES,
  RAG_PATHS,
  STT_PATHS,
  TASK_PATHS,
  TTS_PATHS,
  WEB_SEARCH_PATHS,
} from './field-paths.js';
import { liftLegacyGroups } from './legacy-groups.js';

const SETTINGS_CHANNEL = 'settings:changed';

export type RuntimeSettings = RuntimeSettingsSeed;

/** Settings kept field by field at Open WebUI's paths (see field-paths.ts). */
type GroupedSetting = 'tasks' | 'rag' | 'web' | 'codeExecution' | 'tts' | 'stt' | 'images';

/**
 * Where each setting lives in Open WebUI's `config` JSON, so a database copied from Open WebUI
 * keeps its saved values and ours stay readable by it.
 */
const PATHS: {
  readonly [Key in keyof RuntimeSettings]-?: Key extends GroupedSetting ? FieldPaths<RuntimeSettings[Key]> : string;
} = {
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
  tasks: TASK_PATHS,
  banners: 'ui.banners',
  rag: RAG_PATHS,
  ldapServer: 'ldap.server',
  ldapGroup: 'ldap.group',
  web: WEB_SEARCH_PATHS,
  enableArenaModels: 'evaluation.arena.enable',
  arenaModels: 'evaluation.arena.models',
  enableDirectConnections: 'direct.enable',
  enableBaseModelsCache: 'models.base_models_cache',
  modelOrderList: 'ui.model_order_list',
  promptSuggestions: 'ui.prompt_suggestions',
  toolServerConnections: 'tool_server.connections',
  codeExecution: CODE_EXECUTION_PATHS,
  tts: TTS_PATHS,
  stt: STT_PATHS,
  images: IMAGE_PATHS,
};

/** Settings saved as one object: a saved object fills in the seed, so keys added later keep their defaults. */
const MERGED_OBJECTS: ReadonlySet<keyof RuntimeSettings> = new Set(['ldapServer', 'ldapGroup']);

/** Never taken from an imported document: who the primary admin is decides who may demote whom. */
const NOT_IMPORTED: readonly string[] = [PATHS.primaryAdminId];

/** Every path of the document that holds a setting (or one field of a group). */
const SETTING_PATHS: readonly string[] = Object.values<string | Readonly<Record<string, string>>>(PATHS).flatMap(
  (path) => (typeof path === 'string' ? [path] : Object.values(path)),
);

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
        if (value !== undefined) writeSetting(data, key as keyof RuntimeSettings, value);
      }
    });
    return this.apply(data);
  }

  /**
   * Admin → Settings → Database → Export: the saved document with every setting's current value
   * written in, so it carries env-seeded values too (secrets included, as upstream's export does).
   */
  async exportDocument(): Promise<ConfigDocument> {
    const data = mergeInto({}, await this.rows.latestData());
    for (const key of Object.keys(PATHS) as (keyof RuntimeSettings)[]) {
      if (this.current[key] !== undefined) writeSetting(data, key, this.current[key]);
    }
    return data;
  }

  /**
   * Replaces the saved document with an imported one, as upstream does. A setting the import leaves
   * out keeps its saved value (upstream keeps it in memory), and the primary admin never changes
   * this way. Values of the wrong type are ignored when read, like any saved value. A document
   * exported by an earlier build of ours has its whole-object groups moved to their paths first.
   */
  async importDocument(imported: ConfigDocument): Promise<ConfigDocument> {
    const incoming = mergeInto({}, imported);
    liftLegacyGroups(incoming);
    for (const path of NOT_IMPORTED) deletePath(incoming, path);
    const data = await this.rows.updateData((data) => {
      for (const path of SETTING_PATHS) {
        const saved = readPath(data, path);
        if (saved !== undefined && readPath(incoming, path) === undefined) writePath(incoming, path, saved);
      }
      for (const key of Object.keys(data)) delete data[key];
      Object.assign(data, incoming);
    });
    await this.apply(data);
    return this.exportDocument();
  }

  private async apply(data: ConfigDocument): Promise<RuntimeSettings> {
    this.current = this.overlay(data);
    await this.pubSub.publish(SETTINGS_CHANNEL, 'changed');
    return this.current;
  }

  private overlay(data: ConfigDocument): RuntimeSettings {
    const settings: Record<string, unknown> = { ...this.config.settings };
    if (!this.config.persistentConfig) return settings as unknown as RuntimeSettings;
    for (const key of Object.keys(PATHS) as (keyof RuntimeSettings)[]) {
      const path: string | Readonly<Record<string, string>> = PATHS[key];
      const seed = settings[key];
      if (typeof path !== 'string') {
        settings[key] = overlayFields(data, path, seed as Record<string, unknown>);
        continue;
      }
      // A saved value counts only when its type fits the setting: a hand-edited row cannot break boot.
      const saved = readPath(data, path);
      if (!fitsSeed(saved, seed)) continue;
      if (key === 'permissions') {
        settings[key] = fillPermissions(saved as PartialPermissionTree, this.config.settings.permissions);
      } else if (MERGED_OBJECTS.has(key) && isPlainObject(saved) && isPlainObject(seed)) {
        const ownPaths = Object.fromEntries(Object.keys(saved).map((field) => [field, field]));
        settings[key] = overlayFields(saved, ownPaths, seed);
      } else {
        settings[key] = saved;
      }
    }
    return settings as unknown as RuntimeSettings;
  }
}

/** A setting written into the document: at its path, or field by field for a group. */
function writeSetting(data: ConfigDocument, key: keyof RuntimeSettings, value: unknown): void {
  const path: string | Readonly<Record<string, string>> = PATHS[key];
  if (typeof path === 'string') return writePath(data, path, value);
  for (const [field, fieldPath] of Object.entries(path)) {
    const fieldValue = (value as Record<string, unknown>)[field];
    if (fieldValue !== undefined) writePath(data, fieldPath, fieldValue);
  }
}

/**
 * The seed's fields, each replaced by the value saved at its path when that value's type fits and,
 * for a few, it is one of the choices (a field the seed does not know is taken as saved: a newer
 * version's key survives).
 */
function overlayFields(
  data: ConfigDocument,
  paths: Readonly<Record<string, string>>,
  seed: Record<string, unknown>,
): Record<string, unknown> {
  const fields = { ...seed };
  for (const [field, path] of Object.entries(paths)) {
    const saved = readPath(data, path);
    if (saved === undefined || (field in seed && !fitsSeed(saved, seed[field]))) continue;
    if (PATH_CHOICES[path]?.includes(saved as string) === false) continue;
    fields[field] = saved;
  }
  return fields;
}
