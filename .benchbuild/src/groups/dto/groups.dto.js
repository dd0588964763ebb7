var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ApiProperty } from '@nestjs/swagger';
import { ObjectField, StringArrayField, StringField } from '../../common/validators.js';
export class GroupFormDto {
}
__decorate([
    StringField({ maxLength: 255, example: 'Engineering' }),
    __metadata("design:type", String)
], GroupFormDto.prototype, "name", void 0);
__decorate([
    StringField({ maxLength: 10_000, example: 'Everyone who builds things' }),
    __metadata("design:type", String)
], GroupFormDto.prototype, "description", void 0);
__decorate([
    ObjectField({ optional: true, nullable: true, example: { features: { api_keys: true } } }),
    __metadata("design:type", Object)
], GroupFormDto.prototype, "permissions", void 0);
__decorate([
    ObjectField({ optional: true, nullable: true, example: { config: { share: true } } }),
    __metadata("design:type", Object)
], GroupFormDto.prototype, "data", void 0);
export class GroupMembersDto {
}
__decorate([
    StringArrayField({ maxItems: 10_000, maxLength: 64, example: ['6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10'] }),
    __metadata("design:type", Array)
], GroupMembersDto.prototype, "user_ids", void 0);
export class GroupListQueryDto {
}
__decorate([
    StringField({ optional: true, maxLength: 5, description: 'true/false: only groups whose share setting matches' }),
    __metadata("design:type", String)
], GroupListQueryDto.prototype, "share", void 0);
export class GroupModelDto {
}
__decorate([
    ApiProperty({ example: 'c2f7e1d0-4b1a-4a52-9d0e-7e3f6b8a9c11' }),
    __metadata("design:type", String)
], GroupModelDto.prototype, "id", void 0);
__decorate([
    ApiProperty({ description: 'The admin who created it' }),
    __metadata("design:type", String)
], GroupModelDto.prototype, "user_id", void 0);
__decorate([
    ApiProperty({ example: 'Engineering' }),
    __metadata("design:type", String)
], GroupModelDto.prototype, "name", void 0);
__decorate([
    ApiProperty({ example: 'Everyone who builds things' }),
    __metadata("design:type", String)
], GroupModelDto.prototype, "description", void 0);
__decorate([
    ApiProperty({ type: 'object', nullable: true, additionalProperties: true }),
    __metadata("design:type", Object)
], GroupModelDto.prototype, "data", void 0);
__decorate([
    ApiProperty({ type: 'object', nullable: true, additionalProperties: true }),
    __metadata("design:type", Object)
], GroupModelDto.prototype, "meta", void 0);
__decorate([
    ApiProperty({ type: 'object', nullable: true, additionalProperties: true }),
    __metadata("design:type", Object)
], GroupModelDto.prototype, "permissions", void 0);
__decorate([
    ApiProperty({ type: 'integer', example: 1767225600 }),
    __metadata("design:type", Number)
], GroupModelDto.prototype, "created_at", void 0);
__decorate([
    ApiProperty({ type: 'integer', example: 1767225600 }),
    __metadata("design:type", Number)
], GroupModelDto.prototype, "updated_at", void 0);
export class GroupResponseDto extends GroupModelDto {
}
__decorate([
    ApiProperty({ type: 'integer', example: 3 }),
    __metadata("design:type", Number)
], GroupResponseDto.prototype, "member_count", void 0);
//# sourceMappingURL=groups.dto.js.map