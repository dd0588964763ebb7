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
import { ROLES } from '../../config/app-config.js';
import { BoolField, EnumField, StringArrayField, StringField } from '../../common/validators.js';
import { PermissionTreeDto } from '../../permissions/dto/permissions.dto.js';
import { API_SCOPES } from '../api-scopes.js';
const IMAGE_URL_MAX = 5_000_000;
export class SigninDto {
}
__decorate([
    StringField({ maxLength: 320, example: 'admin@example.com' }),
    __metadata("design:type", String)
], SigninDto.prototype, "email", void 0);
__decorate([
    StringField({ maxLength: 1024, example: 'correct horse battery staple' }),
    __metadata("design:type", String)
], SigninDto.prototype, "password", void 0);
export class SignupDto {
}
__decorate([
    StringField({ maxLength: 255, example: 'Ada Lovelace' }),
    __metadata("design:type", String)
], SignupDto.prototype, "name", void 0);
__decorate([
    StringField({ maxLength: 320, example: 'ada@example.com' }),
    __metadata("design:type", String)
], SignupDto.prototype, "email", void 0);
__decorate([
    StringField({ maxLength: 1024, example: 'correct horse battery staple' }),
    __metadata("design:type", String)
], SignupDto.prototype, "password", void 0);
__decorate([
    StringField({ optional: true, maxLength: IMAGE_URL_MAX, example: '/user.png' }),
    __metadata("design:type", String)
], SignupDto.prototype, "profile_image_url", void 0);
export class AddUserDto extends SignupDto {
}
__decorate([
    EnumField(ROLES, 'Role', { optional: true, example: 'user' }),
    __metadata("design:type", String)
], AddUserDto.prototype, "role", void 0);
export class UpdateProfileDto {
}
__decorate([
    StringField({ maxLength: 255, example: 'Ada Lovelace' }),
    __metadata("design:type", String)
], UpdateProfileDto.prototype, "name", void 0);
__decorate([
    StringField({ maxLength: IMAGE_URL_MAX, example: '/user.png' }),
    __metadata("design:type", String)
], UpdateProfileDto.prototype, "profile_image_url", void 0);
__decorate([
    StringField({ optional: true, nullable: true, maxLength: 10_000 }),
    __metadata("design:type", Object)
], UpdateProfileDto.prototype, "bio", void 0);
__decorate([
    StringField({ optional: true, nullable: true, maxLength: 255 }),
    __metadata("design:type", Object)
], UpdateProfileDto.prototype, "gender", void 0);
__decorate([
    StringField({ optional: true, nullable: true, maxLength: 10, example: '1815-12-10' }),
    __metadata("design:type", Object)
], UpdateProfileDto.prototype, "date_of_birth", void 0);
export class UpdatePasswordDto {
}
__decorate([
    StringField({ maxLength: 1024 }),
    __metadata("design:type", String)
], UpdatePasswordDto.prototype, "password", void 0);
__decorate([
    StringField({ maxLength: 1024 }),
    __metadata("design:type", String)
], UpdatePasswordDto.prototype, "new_password", void 0);
export class CreateApiKeyDto {
}
__decorate([
    StringArrayField({
        optional: true,
        maxItems: API_SCOPES.length,
        description: `Scopes for the key (default ["*"]): ${API_SCOPES.join(', ')}`,
        example: ['chats:read', 'models:read'],
    }),
    __metadata("design:type", Array)
], CreateApiKeyDto.prototype, "scopes", void 0);
export class UserResponseDto {
}
__decorate([
    ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }),
    __metadata("design:type", String)
], UserResponseDto.prototype, "id", void 0);
__decorate([
    ApiProperty({ example: 'ada@example.com' }),
    __metadata("design:type", String)
], UserResponseDto.prototype, "email", void 0);
__decorate([
    ApiProperty({ example: 'Ada Lovelace' }),
    __metadata("design:type", String)
], UserResponseDto.prototype, "name", void 0);
__decorate([
    ApiProperty({ enum: ROLES, enumName: 'Role', example: 'user' }),
    __metadata("design:type", String)
], UserResponseDto.prototype, "role", void 0);
__decorate([
    ApiProperty({ example: '/user.png' }),
    __metadata("design:type", String)
], UserResponseDto.prototype, "profile_image_url", void 0);
export class SigninResponseDto extends UserResponseDto {
}
__decorate([
    ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' }),
    __metadata("design:type", String)
], SigninResponseDto.prototype, "token", void 0);
__decorate([
    ApiProperty({ example: 'Bearer' }),
    __metadata("design:type", String)
], SigninResponseDto.prototype, "token_type", void 0);
export class SessionUserDto extends SigninResponseDto {
}
__decorate([
    ApiProperty({ type: 'integer', nullable: true, example: 1767225600 }),
    __metadata("design:type", Object)
], SessionUserDto.prototype, "expires_at", void 0);
__decorate([
    ApiProperty({ type: () => PermissionTreeDto }),
    __metadata("design:type", PermissionTreeDto)
], SessionUserDto.prototype, "permissions", void 0);
export class SessionUserInfoDto extends SessionUserDto {
}
__decorate([
    ApiProperty({ type: String, nullable: true }),
    __metadata("design:type", Object)
], SessionUserInfoDto.prototype, "bio", void 0);
__decorate([
    ApiProperty({ type: String, nullable: true }),
    __metadata("design:type", Object)
], SessionUserInfoDto.prototype, "gender", void 0);
__decorate([
    ApiProperty({ type: String, nullable: true, example: '1815-12-10' }),
    __metadata("design:type", Object)
], SessionUserInfoDto.prototype, "date_of_birth", void 0);
export class SignoutResponseDto {
}
__decorate([
    ApiProperty({ example: true }),
    __metadata("design:type", Boolean)
], SignoutResponseDto.prototype, "status", void 0);
__decorate([
    ApiPropertyOptional({ example: 'https://idp.example.com/logout' }),
    __metadata("design:type", String)
], SignoutResponseDto.prototype, "redirect_url", void 0);
export class AdminDetailsDto {
}
__decorate([
    ApiProperty({ type: String, nullable: true, example: 'Admin' }),
    __metadata("design:type", Object)
], AdminDetailsDto.prototype, "name", void 0);
__decorate([
    ApiProperty({ example: 'admin@example.com' }),
    __metadata("design:type", String)
], AdminDetailsDto.prototype, "email", void 0);
export class ApiKeyCreatedDto {
}
__decorate([
    ApiProperty({ example: 'sk-3f9c0a6d1b2e4f5a8c7d9e0f1a2b3c4d', description: 'Shown once; store it now.' }),
    __metadata("design:type", String)
], ApiKeyCreatedDto.prototype, "api_key", void 0);
__decorate([
    ApiProperty({ type: [String], example: ['*'] }),
    __metadata("design:type", Array)
], ApiKeyCreatedDto.prototype, "scopes", void 0);
export class ApiKeyInfoDto {
}
__decorate([
    ApiProperty({ example: 'sk-3f9c…3c4d', description: 'Masked: prefix and last characters only.' }),
    __metadata("design:type", String)
], ApiKeyInfoDto.prototype, "api_key", void 0);
__decorate([
    ApiProperty({ type: [String], example: ['*'] }),
    __metadata("design:type", Array)
], ApiKeyInfoDto.prototype, "scopes", void 0);
__decorate([
    ApiProperty({ type: 'integer', example: 1767225600 }),
    __metadata("design:type", Number)
], ApiKeyInfoDto.prototype, "created_at", void 0);
__decorate([
    ApiProperty({ type: 'integer', nullable: true, example: null }),
    __metadata("design:type", Object)
], ApiKeyInfoDto.prototype, "last_used_at", void 0);
export class AdminConfigDto {
}
__decorate([
    BoolField({ example: true }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "SHOW_ADMIN_DETAILS", void 0);
__decorate([
    StringField({ maxLength: 2048, example: '' }),
    __metadata("design:type", String)
], AdminConfigDto.prototype, "WEBUI_URL", void 0);
__decorate([
    BoolField({ example: false }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "ENABLE_SIGNUP", void 0);
__decorate([
    BoolField({ example: false }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "ENABLE_API_KEYS", void 0);
__decorate([
    BoolField({ example: false }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS", void 0);
__decorate([
    StringField({ maxLength: 10_000, example: '/api/models,/api/chat/completions' }),
    __metadata("design:type", String)
], AdminConfigDto.prototype, "API_KEYS_ALLOWED_ENDPOINTS", void 0);
__decorate([
    StringField({ maxLength: 32, example: 'pending' }),
    __metadata("design:type", String)
], AdminConfigDto.prototype, "DEFAULT_USER_ROLE", void 0);
__decorate([
    StringField({ maxLength: 64, example: '' }),
    __metadata("design:type", String)
], AdminConfigDto.prototype, "DEFAULT_GROUP_ID", void 0);
__decorate([
    StringField({ maxLength: 64, example: '4w' }),
    __metadata("design:type", String)
], AdminConfigDto.prototype, "JWT_EXPIRES_IN", void 0);
__decorate([
    BoolField({ example: true }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "ENABLE_COMMUNITY_SHARING", void 0);
__decorate([
    BoolField({ example: true }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "ENABLE_MESSAGE_RATING", void 0);
__decorate([
    BoolField({ example: false }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "ENABLE_CHANNELS", void 0);
__decorate([
    BoolField({ example: true }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "ENABLE_NOTES", void 0);
__decorate([
    BoolField({ example: true }),
    __metadata("design:type", Boolean)
], AdminConfigDto.prototype, "ENABLE_USER_WEBHOOKS", void 0);
__decorate([
    StringField({ optional: true, nullable: true, maxLength: 10_000 }),
    __metadata("design:type", Object)
], AdminConfigDto.prototype, "PENDING_USER_OVERLAY_TITLE", void 0);
__decorate([
    StringField({ optional: true, nullable: true, maxLength: 100_000 }),
    __metadata("design:type", Object)
], AdminConfigDto.prototype, "PENDING_USER_OVERLAY_CONTENT", void 0);
__decorate([
    StringField({ optional: true, nullable: true, maxLength: 10_000 }),
    __metadata("design:type", Object)
], AdminConfigDto.prototype, "RESPONSE_WATERMARK", void 0);
//# sourceMappingURL=auth.dto.js.map