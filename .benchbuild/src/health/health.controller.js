var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorator.js';
import { ErrorResponseDto, StatusResponseDto } from '../common/dto/error-response.dto.js';
let HealthController = class HealthController {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Liveness: the process answers. */
    getHealth() {
        return { status: true };
    }
    /** Readiness of the database: a real round trip. */
    async getDatabaseHealth() {
        try {
            await this.dataSource.query('SELECT 1');
        }
        catch {
            throw new ServiceUnavailableException({ detail: 'Database is not reachable' });
        }
        return { status: true };
    }
};
__decorate([
    Get(),
    Public(),
    ApiOkResponse({ type: StatusResponseDto }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "getHealth", null);
__decorate([
    Get('db'),
    Public(),
    ApiOkResponse({ type: StatusResponseDto }),
    ApiServiceUnavailableResponse({ type: ErrorResponseDto }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "getDatabaseHealth", null);
HealthController = __decorate([
    ApiTags('health'),
    Controller('health'),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource])
], HealthController);
export { HealthController };
//# sourceMappingURL=health.controller.js.map