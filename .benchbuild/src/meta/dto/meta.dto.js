var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PermissionTreeDto } from '../../permissions/dto/permissions.dto.js';
export class VersionDto {
}
__decorate([
    ApiProperty({ example: '0.6.40' }),
    __metadata("design:type", String)
], VersionDto.prototype, "version", void 0);
__decorate([
    ApiProperty({ example: '' }),
    __metadata("design:type", String)
], VersionDto.prototype, "deployment_id", void 0);
export class AppFeaturesDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "auth", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "auth_trusted_header", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_signup_password_confirmation", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_ldap", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_api_keys", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_signup", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_login_form", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_websocket", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_version_update_check", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_direct_connections", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_channels", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_notes", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_web_search", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_code_execution", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_code_interpreter", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_image_generation", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_autocomplete_generation", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_community_sharing", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_message_rating", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_user_webhooks", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_admin_export", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_admin_chat_access", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_google_drive_integration", void 0);
__decorate([
    ApiPropertyOptional(),
    __metadata("design:type", Boolean)
], AppFeaturesDto.prototype, "enable_onedrive_integration", void 0);
/** GET /api/config: the boot document the SPA reads (contract startup.md §1, §4). */
export class AppConfigDto {
}
__decorate([
    ApiPropertyOptional({ description: 'Present (true) only before the first account exists' }),
    __metadata("design:type", Boolean)
], AppConfigDto.prototype, "onboarding", void 0);
__decorate([
    ApiProperty({ example: true }),
    __metadata("design:type", Boolean)
], AppConfigDto.prototype, "status", void 0);
__decorate([
    ApiProperty({ example: 'Open WebUI' }),
    __metadata("design:type", String)
], AppConfigDto.prototype, "name", void 0);
__decorate([
    ApiProperty({ example: '0.6.40' }),
    __metadata("design:type", String)
], AppConfigDto.prototype, "version", void 0);
__decorate([
    ApiProperty({ example: '' }),
    __metadata("design:type", String)
], AppConfigDto.prototype, "default_locale", void 0);
__decorate([
    ApiProperty({ type: 'object', additionalProperties: true, example: { providers: {} } }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "oauth", void 0);
__decorate([
    ApiProperty({ type: () => AppFeaturesDto }),
    __metadata("design:type", AppFeaturesDto)
], AppConfigDto.prototype, "features", void 0);
__decorate([
    ApiPropertyOptional({ type: String, nullable: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "default_models", void 0);
__decorate([
    ApiPropertyOptional({ type: String, nullable: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "default_pinned_models", void 0);
__decorate([
    ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } }),
    __metadata("design:type", Array)
], AppConfigDto.prototype, "default_prompt_suggestions", void 0);
__decorate([
    ApiPropertyOptional({ type: 'integer' }),
    __metadata("design:type", Number)
], AppConfigDto.prototype, "user_count", void 0);
__decorate([
    ApiPropertyOptional({ type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "code", void 0);
__decorate([
    ApiPropertyOptional({ type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "audio", void 0);
__decorate([
    ApiPropertyOptional({ type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "file", void 0);
__decorate([
    ApiPropertyOptional({ type: () => PermissionTreeDto }),
    __metadata("design:type", PermissionTreeDto)
], AppConfigDto.prototype, "permissions", void 0);
__decorate([
    ApiPropertyOptional({ type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "google_drive", void 0);
__decorate([
    ApiPropertyOptional({ type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "onedrive", void 0);
__decorate([
    ApiPropertyOptional({ type: 'object', additionalProperties: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "ui", void 0);
__decorate([
    ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true }),
    __metadata("design:type", Object)
], AppConfigDto.prototype, "license_metadata", void 0);
//# sourceMappingURL=meta.dto.js.map