var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn } from '../database/columns.js';
/** Open WebUI's single-row `config` table: a JSON document addressed by dotted paths. */
let ConfigRowEntity = class ConfigRowEntity {
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], ConfigRowEntity.prototype, "id", void 0);
__decorate([
    JsonColumn({ nullable: false }),
    __metadata("design:type", Object)
], ConfigRowEntity.prototype, "data", void 0);
__decorate([
    Column({ type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], ConfigRowEntity.prototype, "version", void 0);
__decorate([
    Column({ type: 'varchar', nullable: true, select: false, insert: false, update: false }),
    __metadata("design:type", Object)
], ConfigRowEntity.prototype, "created_at", void 0);
__decorate([
    Column({ type: 'varchar', nullable: true, select: false, insert: false, update: false }),
    __metadata("design:type", Object)
], ConfigRowEntity.prototype, "updated_at", void 0);
ConfigRowEntity = __decorate([
    Entity('config')
], ConfigRowEntity);
export { ConfigRowEntity };
//# sourceMappingURL=config-row.entity.js.map