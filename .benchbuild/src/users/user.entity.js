var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochColumn, JsonColumn } from '../database/columns.js';
let UserEntity = class UserEntity {
};
__decorate([
    PrimaryColumn({ type: 'varchar' }),
    __metadata("design:type", String)
], UserEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], UserEntity.prototype, "name", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], UserEntity.prototype, "email", void 0);
__decorate([
    Column({ type: 'varchar', length: 50, nullable: true }),
    __metadata("design:type", Object)
], UserEntity.prototype, "username", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], UserEntity.prototype, "role", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], UserEntity.prototype, "profile_image_url", void 0);
__decorate([
    Column({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], UserEntity.prototype, "bio", void 0);
__decorate([
    Column({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], UserEntity.prototype, "gender", void 0);
__decorate([
    Column({ type: 'date', nullable: true }),
    __metadata("design:type", Object)
], UserEntity.prototype, "date_of_birth", void 0);
__decorate([
    JsonColumn(),
    __metadata("design:type", Object)
], UserEntity.prototype, "info", void 0);
__decorate([
    JsonColumn(),
    __metadata("design:type", Object)
], UserEntity.prototype, "settings", void 0);
__decorate([
    Column({ type: 'varchar', nullable: true, unique: true }),
    __metadata("design:type", Object)
], UserEntity.prototype, "api_key", void 0);
__decorate([
    Column({ type: 'text', nullable: true, unique: true }),
    __metadata("design:type", Object)
], UserEntity.prototype, "oauth_sub", void 0);
__decorate([
    EpochColumn(),
    __metadata("design:type", Number)
], UserEntity.prototype, "last_active_at", void 0);
__decorate([
    EpochColumn(),
    __metadata("design:type", Number)
], UserEntity.prototype, "updated_at", void 0);
__decorate([
    EpochColumn(),
    __metadata("design:type", Number)
], UserEntity.prototype, "created_at", void 0);
UserEntity = __decorate([
    Entity('user')
], UserEntity);
export { UserEntity };
//# sourceMappingURL=user.entity.js.map