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
/**
 * API keys, stored only as a SHA-256 hash (the key has 128 random bits, so a fast hash is enough)
 * with a display hint. Upstream keeps the plain key in `user.api_key`; we never store it.
 */
let ApiKeyEntity = class ApiKeyEntity {
};
__decorate([
    PrimaryColumn({ type: 'varchar' }),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "user_id", void 0);
__decorate([
    Column({ type: 'varchar', unique: true }),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "key_hash", void 0);
__decorate([
    Column({ type: 'varchar' }),
    __metadata("design:type", String)
], ApiKeyEntity.prototype, "hint", void 0);
__decorate([
    JsonColumn({ nullable: false }),
    __metadata("design:type", Array)
], ApiKeyEntity.prototype, "scopes", void 0);
__decorate([
    EpochColumn({ nullable: true }),
    __metadata("design:type", Object)
], ApiKeyEntity.prototype, "last_used_at", void 0);
__decorate([
    EpochColumn({ nullable: true }),
    __metadata("design:type", Object)
], ApiKeyEntity.prototype, "expires_at", void 0);
__decorate([
    EpochColumn(),
    __metadata("design:type", Number)
], ApiKeyEntity.prototype, "created_at", void 0);
ApiKeyEntity = __decorate([
    Entity('api_key')
], ApiKeyEntity);
export { ApiKeyEntity };
//# sourceMappingURL=api-key.entity.js.map