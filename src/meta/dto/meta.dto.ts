import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PermissionTreeDto } from '../../permissions/dto/permissions.dto.js';
import { PromptSuggestionDto } from '../../settings/dto/settings.dto.js';

export class VersionDto {
  @ApiProperty({ example: '0.6.40' }) version: string;
  @ApiProperty({ example: '' }) deployment_id: string;
}

export class AppFeaturesDto {
  @ApiProperty() auth: boolean;
  @ApiProperty() auth_trusted_header: boolean;
  @ApiProperty() enable_signup_password_confirmation: boolean;
  @ApiProperty() enable_ldap: boolean;
  @ApiProperty() enable_api_keys: boolean;
  @ApiProperty() enable_signup: boolean;
  @ApiProperty() enable_login_form: boolean;
  @ApiProperty() enable_websocket: boolean;
  @ApiProperty() enable_version_update_check: boolean;
  @ApiPropertyOptional() enable_direct_connections?: boolean;
  @ApiPropertyOptional() enable_channels?: boolean;
  @ApiPropertyOptional() enable_notes?: boolean;
  @ApiPropertyOptional() enable_web_search?: boolean;
  @ApiPropertyOptional() enable_code_execution?: boolean;
  @ApiPropertyOptional() enable_code_interpreter?: boolean;
  @ApiPropertyOptional() enable_image_generation?: boolean;
  @ApiPropertyOptional() enable_autocomplete_generation?: boolean;
  @ApiPropertyOptional() enable_community_sharing?: boolean;
  @ApiPropertyOptional() enable_message_rating?: boolean;
  @ApiPropertyOptional() enable_user_webhooks?: boolean;
  @ApiPropertyOptional() enable_admin_export?: boolean;
  @ApiPropertyOptional() enable_admin_chat_access?: boolean;
  @ApiPropertyOptional() enable_google_drive_integration?: boolean;
  @ApiPropertyOptional() enable_onedrive_integration?: boolean;
}

/** GET /api/config: the boot document the SPA reads first, signed out and again once signed in. */
export class AppConfigDto {
  @ApiPropertyOptional({ description: 'Present (true) only before the first account exists' }) onboarding?: boolean;
  @ApiProperty({ example: true }) status: boolean;
  @ApiProperty({ example: 'Open WebUI' }) name: string;
  @ApiProperty({ example: '0.6.40' }) version: string;
  @ApiProperty({ example: '' }) default_locale: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { providers: {} } })
  oauth: { providers: Record<string, string> };
  @ApiProperty({ type: () => AppFeaturesDto }) features: AppFeaturesDto;
  @ApiPropertyOptional({ type: String, nullable: true }) default_models?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) default_pinned_models?: string | null;
  @ApiPropertyOptional({ type: [PromptSuggestionDto] }) default_prompt_suggestions?: PromptSuggestionDto[];
  @ApiPropertyOptional({ type: 'integer' }) user_count?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) code?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) audio?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) file?: Record<string, unknown>;
  @ApiPropertyOptional({ type: () => PermissionTreeDto }) permissions?: PermissionTreeDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) google_drive?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) onedrive?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) ui?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true })
  license_metadata?: Record<string, unknown> | null;
}

export class VersionUpdatesDto {
  @ApiProperty({ example: '0.6.40' })
  current!: string;

  @ApiProperty({ example: '0.6.40' })
  latest!: string;
}
