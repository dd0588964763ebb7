import { Injectable } from '@nestjs/common';
import { ROLES, type Role } from '../config/app-config.js';
import { parseDuration } from '../config/env-parsers.js';
import type { AdminConfigDto } from './dto/admin-config.dto.js';
import { SettingsService } from './settings.service.js';

/** GET/POST /api/v1/auths/admin/config: the admin's view of the run-time settings. */
@Injectable()
export class AdminConfigService {
  constructor(private readonly settings: SettingsService) {}

  get(): AdminConfigDto {
    const s = this.settings.get();
    return {
      SHOW_ADMIN_DETAILS: s.showAdminDetails,
      WEBUI_URL: s.webuiUrl,
      ENABLE_SIGNUP: s.enableSignup,
      ENABLE_API_KEYS: s.enableApiKeys,
      ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: s.apiKeyEndpointRestrictions,
      API_KEYS_ALLOWED_ENDPOINTS: s.apiKeysAllowedEndpoints,
      DEFAULT_USER_ROLE: s.defaultUserRole,
      DEFAULT_GROUP_ID: s.defaultGroupId,
      JWT_EXPIRES_IN: s.jwtExpiresIn,
      ENABLE_COMMUNITY_SHARING: s.enableCommunitySharing,
      ENABLE_MESSAGE_RATING: s.enableMessageRating,
      ENABLE_CHANNELS: s.enableChannels,
      ENABLE_NOTES: s.enableNotes,
      ENABLE_USER_WEBHOOKS: s.enableUserWebhooks,
      PENDING_USER_OVERLAY_TITLE: s.pendingUserOverlayTitle,
      PENDING_USER_OVERLAY_CONTENT: s.pendingUserOverlayContent,
      RESPONSE_WATERMARK: s.responseWatermark,
    };
  }

  /** Saves every field; an unknown role or a malformed JWT_EXPIRES_IN keeps the old value (as upstream). */
  async update(input: AdminConfigDto): Promise<AdminConfigDto> {
    const current = this.settings.get();
    await this.settings.update({
      showAdminDetails: input.SHOW_ADMIN_DETAILS,
      webuiUrl: input.WEBUI_URL,
      enableSignup: input.ENABLE_SIGNUP,
      enableApiKeys: input.ENABLE_API_KEYS,
      apiKeyEndpointRestrictions: input.ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS,
      apiKeysAllowedEndpoints: input.API_KEYS_ALLOWED_ENDPOINTS,
      defaultUserRole: ROLES.includes(input.DEFAULT_USER_ROLE as Role)
        ? (input.DEFAULT_USER_ROLE as Role)
        : current.defaultUserRole,
      defaultGroupId: input.DEFAULT_GROUP_ID,
      jwtExpiresIn: parseDuration(input.JWT_EXPIRES_IN) !== undefined ? input.JWT_EXPIRES_IN : current.jwtExpiresIn,
      enableCommunitySharing: input.ENABLE_COMMUNITY_SHARING,
      enableMessageRating: input.ENABLE_MESSAGE_RATING,
      enableChannels: input.ENABLE_CHANNELS,
      enableNotes: input.ENABLE_NOTES,
      enableUserWebhooks: input.ENABLE_USER_WEBHOOKS,
      pendingUserOverlayTitle: input.PENDING_USER_OVERLAY_TITLE ?? current.pendingUserOverlayTitle,
      pendingUserOverlayContent: input.PENDING_USER_OVERLAY_CONTENT ?? current.pendingUserOverlayContent,
      responseWatermark: input.RESPONSE_WATERMARK ?? current.responseWatermark,
    });
    return this.get();
  }
}
