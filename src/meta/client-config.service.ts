import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import type { AuthContext } from '../access/auth-context.js';
import { SettingsService } from '../settings/settings.service.js';
import { UsersService } from '../users/users.service.js';
import type { AppConfigDto, AppFeaturesDto } from './dto/meta.dto.js';

/** Builds GET /api/config for anonymous, pending and verified callers: each gets the keys the SPA reads then. */
@Injectable()
export class ClientConfigService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly settings: SettingsService,
    private readonly users: UsersService,
  ) {}

  async build(caller: AuthContext | null): Promise<AppConfigDto> {
    const settings = this.settings.get();
    const { config } = this;
    const features: AppFeaturesDto = {
      auth: config.auth.webuiAuth,
      auth_trusted_header: Boolean(config.auth.trustedEmailHeader),
      enable_signup_password_confirmation: config.auth.enableSignupPasswordConfirmation,
      enable_ldap: settings.enableLdap,
      enable_api_keys: settings.enableApiKeys,
      enable_signup: settings.enableSignup,
      enable_login_form: settings.enableLoginForm,
      enable_websocket: config.features.enableWebsocket,
      enable_version_update_check: config.features.enableVersionUpdateCheck,
    };
    const base: AppConfigDto = {
      status: true,
      name: config.webuiName,
      version: config.version,
      default_locale: settings.defaultLocale,
      // The sign-in page shows a button per provider.
      oauth: { providers: Object.fromEntries(config.oauth.providers.map((provider) => [provider.id, provider.name])) },
      features,
    };
    if (!caller) {
      return (await this.users.count()) === 0 ? { onboarding: true, ...base } : base;
    }

    Object.assign(features, {
      enable_direct_connections: settings.enableDirectConnections,
      enable_channels: settings.enableChannels,
      enable_notes: settings.enableNotes,
      enable_web_search: settings.web.ENABLE_WEB_SEARCH,
      enable_code_execution: settings.codeExecution.ENABLE_CODE_EXECUTION,
      enable_code_interpreter: settings.codeExecution.ENABLE_CODE_INTERPRETER,
      enable_image_generation: settings.images.ENABLE_IMAGE_GENERATION,
      enable_autocomplete_generation: config.features.enableAutocompleteGeneration,
      enable_community_sharing: settings.enableCommunitySharing,
      enable_message_rating: settings.enableMessageRating,
      enable_user_webhooks: settings.enableUserWebhooks,
      enable_admin_export: config.features.enableAdminExport,
      enable_admin_chat_access: config.features.enableAdminChatAccess,
      enable_google_drive_integration: settings.rag.ENABLE_GOOGLE_DRIVE_INTEGRATION,
      enable_onedrive_integration: settings.rag.ENABLE_ONEDRIVE_INTEGRATION,
    } satisfies Partial<AppFeaturesDto>);
    const ui = {
      pending_user_overlay_title: settings.pendingUserOverlayTitle,
      pending_user_overlay_content: settings.pendingUserOverlayContent,
    };
    if (caller.user.role === 'pending') return { ...base, ui };

    return {
      ...base,
      default_models: settings.defaultModels,
      default_pinned_models: settings.defaultPinnedModels,
      default_prompt_suggestions: settings.promptSuggestions,
      user_count: await this.users.count(),
      code: { engine: settings.codeExecution.CODE_EXECUTION_ENGINE },
      audio: {
        tts: { engine: settings.tts.ENGINE, voice: settings.tts.VOICE, split_on: settings.tts.SPLIT_ON },
        stt: { engine: settings.stt.ENGINE },
      },
      file: {
        max_size: settings.rag.FILE_MAX_SIZE,
        max_count: settings.rag.FILE_MAX_COUNT,
        image_compression: {
          width: settings.rag.FILE_IMAGE_COMPRESSION_WIDTH,
          height: settings.rag.FILE_IMAGE_COMPRESSION_HEIGHT,
        },
      },
      permissions: settings.permissions,
      google_drive: { client_id: '', api_key: '' },
      onedrive: { client_id_personal: '', client_id_business: '', sharepoint_url: '', sharepoint_tenant_id: '' },
      ui: { ...ui, response_watermark: settings.responseWatermark },
      license_metadata: null,
    };
  }
}
