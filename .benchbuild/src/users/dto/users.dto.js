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
import { Matches } from 'class-validator';
import { ROLES } from '../../config/app-config.js';
import { EnumField, IntField, StringField } from '../../common/validators.js';
import { USER_SORT_FIELDS } from '../users.repository.js';
export class UserListQueryDto {
}
__decorate([
    StringField({ optional: true, maxLength: 255, description: 'Case-insensitive match on name or email' }),
    __metadata("design:type", String)
], UserListQueryDto.prototype, "query", void 0);
__decorate([
    StringField({
        optional: true,
        maxLength: 300,
        description: `One of ${USER_SORT_FIELDS.join(', ')}, or group_id:<id> (that group's members first)`,
        example: 'created_at',
    }),
    Matches(new RegExp(`^(${USER_SORT_FIELDS.join('|')}|group_id:.+)$`), {
        message: `order_by must be one of ${USER_SORT_FIELDS.join(', ')} or group_id:<id>`,
    }),
    __metadata("design:type", String)
], UserListQueryDto.prototype, "order_by", void 0);
__decorate([
    EnumField(['asc', 'desc'], 'SortDirection', { optional: true, example: 'desc' }),
    __metadata("design:type", String)
], UserListQueryDto.prototype, "direction", void 0);
__decorate([
    IntField({ optional: true, min: 1, max: 1_000_000, example: 1 }),
    __metadata("design:type", Number)
], UserListQueryDto.prototype, "page", void 0);
export class UserSearchQueryDto {
}
__decorate([
    StringField({ optional: true, maxLength: 255 }),
    __metadata("design:type", String)
], UserSearchQueryDto.prototype, "query", void 0);
export class AdminUpdateUserDto {
}
__decorate([
    EnumField(ROLES, 'Role', { example: 'user' }),
    __metadata("design:type", String)
], AdminUpdateUserDto.prototype, "role", void 0);
__decorate([
    StringField({ maxLength: 255, example: 'Ada Lovelace' }),
    __metadata("design:type", String)
], AdminUpdateUserDto.prototype, "name", void 0);
__decorate([
    StringField({ maxLength: 320, example: 'ada@example.com' }),
    __metadata("design:type", String)
], AdminUpdateUserDto.prototype, "email", void 0);
__decorate([
    StringField({ maxLength: 5_000_000, example: '/user.png' }),
    __metadata("design:type", String)
], AdminUpdateUserDto.prototype, "profile_image_url", void 0);
__decorate([
    StringField({ optional: true, nullable: true, maxLength: 1024 }),
    __metadata("design:type", Object)
], AdminUpdateUserDto.prototype, "password", void 0);
export class UserModelDto {
}
__decorate([
    ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }),
    __metadata("design:type", String)
], UserModelDto.prototype, "id", void 0);
__decorate([
    ApiProperty({ example: 'Ada Lovelace' }),
    __metadata("design:type", String)
], UserModelDto.prototype, "name", void 0);
__decorate([
    ApiProperty({ example: 'ada@example.com' }),
    __metadata("design:type", String)
], UserModelDto.prototype, "email", void 0);
__decorate([
    ApiProperty({ type: String, nullable: true, example: null }),
    __metadata("design:type", Object)
], UserModelDto.prototype, "username", void 0);
__decorate([
    ApiProperty({ enum: ROLES, enumName: 'Role' }),
    __metadata("design:type", String)
], UserModelDto.prototype, "role", void 0);
__decorate([
    ApiProperty({ example: '/user.png' }),
    __metadata("design:type", String)
], UserModelDto.prototype, "profile_image_url", void 0);
__decorate([
    ApiProperty({ type: String, nullable: true }),
    __metadata("design:type", Object)
], UserModelDto.prototype, "bio", void 0);
__decorate([
    ApiProperty({ type: String, nullable: true }),
    __metadata("design:type", Object)
], UserModelDto.prototype, "gender", void 0);
__decorate([
    ApiProperty({ type: String, nullable: true }),
    __metadata("design:type", Object)
], UserModelDto.prototype, "date_of_birth", void 0);
__decorate([
    ApiProperty({ type: 'object', nullable: true, additionalProperties: true }),
    __metadata("design:type", Object)
], UserModelDto.prototype, "info", void 0);
__decorate([
    ApiProperty({ type: 'object', nullable: true, additionalProperties: true }),
    __metadata("design:type", Object)
], UserModelDto.prototype, "settings", void 0);
__decorate([
    ApiProperty({ type: String, nullable: true, description: 'Masked API key hint', example: 'sk-3f9c…3c4d' }),
    __metadata("design:type", Object)
], UserModelDto.prototype, "api_key", void 0);
__decorate([
    ApiProperty({ type: String, nullable: true }),
    __metadata("design:type", Object)
], UserModelDto.prototype, "oauth_sub", void 0);
__decorate([
    ApiProperty({ type: 'integer', example: 1767225600 }),
    __metadata("design:type", Number)
], UserModelDto.prototype, "last_active_at", void 0);
__decorate([
    ApiProperty({ type: 'integer', example: 1767225600 }),
    __metadata("design:type", Number)
], UserModelDto.prototype, "updated_at", void 0);
__decorate([
    ApiProperty({ type: 'integer', example: 1767225600 }),
    __metadata("design:type", Number)
], UserModelDto.prototype, "created_at", void 0);
export class UserWithGroupsDto extends UserModelDto {
}
__decorate([
    ApiProperty({ type: [String] }),
    __metadata("design:type", Array)
], UserWithGroupsDto.prototype, "group_ids", void 0);
export class UserListResponseDto {
}
__decorate([
    ApiProperty({ type: [UserWithGroupsDto] }),
    __metadata("design:type", Array)
], UserListResponseDto.prototype, "users", void 0);
__decorate([
    ApiProperty({ type: 'integer', example: 1 }),
    __metadata("design:type", Number)
], UserListResponseDto.prototype, "total", void 0);
export class UserSummaryDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserSummaryDto.prototype, "id", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserSummaryDto.prototype, "name", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserSummaryDto.prototype, "email", void 0);
__decorate([
    ApiProperty({ enum: ROLES, enumName: 'Role' }),
    __metadata("design:type", String)
], UserSummaryDto.prototype, "role", void 0);
export class UserSummaryListDto {
}
__decorate([
    ApiProperty({ type: [UserSummaryDto] }),
    __metadata("design:type", Array)
], UserSummaryListDto.prototype, "users", void 0);
__decorate([
    ApiProperty({ type: 'integer' }),
    __metadata("design:type", Number)
], UserSummaryListDto.prototype, "total", void 0);
export class UserNameDto {
}
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserNameDto.prototype, "id", void 0);
__decorate([
    ApiProperty(),
    __metadata("design:type", String)
], UserNameDto.prototype, "name", void 0);
export class UserSearchResponseDto {
}
__decorate([
    ApiProperty({ type: [UserNameDto] }),
    __metadata("design:type", Array)
], UserSearchResponseDto.prototype, "users", void 0);
__decorate([
    ApiProperty({ type: 'integer' }),
    __metadata("design:type", Number)
], UserSearchResponseDto.prototype, "total", void 0);
export class UserProfileDto {
}
__decorate([
    ApiProperty({ example: 'Ada Lovelace' }),
    __metadata("design:type", String)
], UserProfileDto.prototype, "name", void 0);
__decorate([
    ApiProperty({ example: '/user.png' }),
    __metadata("design:type", String)
], UserProfileDto.prototype, "profile_image_url", void 0);
__decorate([
    ApiPropertyOptional({ example: false, description: 'Whether the user has a live connection' }),
    __metadata("design:type", Boolean)
], UserProfileDto.prototype, "active", void 0);
//# sourceMappingURL=users.dto.js.map