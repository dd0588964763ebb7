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
import { IsObject } from 'class-validator';
import { DEFAULT_PERMISSIONS } from '../permission-tree.js';
const section = (name) => ApiProperty({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    example: DEFAULT_PERMISSIONS[name],
});
/** The four-section permission tree; each section maps a permission name to a boolean. */
export class PermissionTreeDto {
}
__decorate([
    section('workspace'),
    IsObject(),
    __metadata("design:type", Object)
], PermissionTreeDto.prototype, "workspace", void 0);
__decorate([
    section('sharing'),
    IsObject(),
    __metadata("design:type", Object)
], PermissionTreeDto.prototype, "sharing", void 0);
__decorate([
    section('chat'),
    IsObject(),
    __metadata("design:type", Object)
], PermissionTreeDto.prototype, "chat", void 0);
__decorate([
    section('features'),
    IsObject(),
    __metadata("design:type", Object)
], PermissionTreeDto.prototype, "features", void 0);
//# sourceMappingURL=permissions.dto.js.map