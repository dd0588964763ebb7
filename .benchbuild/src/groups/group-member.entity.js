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
import { EpochColumn } from '../database/columns.js';
let GroupMemberEntity = class GroupMemberEntity {
};
__decorate([
    PrimaryColumn({ type: 'text' }),
    __metadata("design:type", String)
], GroupMemberEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], GroupMemberEntity.prototype, "group_id", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], GroupMemberEntity.prototype, "user_id", void 0);
__decorate([
    EpochColumn({ nullable: true }),
    __metadata("design:type", Object)
], GroupMemberEntity.prototype, "created_at", void 0);
__decorate([
    EpochColumn({ nullable: true }),
    __metadata("design:type", Object)
], GroupMemberEntity.prototype, "updated_at", void 0);
GroupMemberEntity = __decorate([
    Entity('group_member')
], GroupMemberEntity);
export { GroupMemberEntity };
//# sourceMappingURL=group-member.entity.js.map