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
import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectConfig } from '../config/config.module.js';
import { Public } from '../auth/auth.decorator.js';
import { Authenticator } from '../auth/authenticator.service.js';
import { AppConfigService } from './app-config.service.js';
import { AppConfigDto, VersionDto } from './dto/meta.dto.js';
let MetaController = class MetaController {
    constructor(config, appConfig, authenticator) {
        this.config = config;
        this.appConfig = appConfig;
        this.authenticator = authenticator;
    }
    /** Public; ignores the `Bearer undefined` the SPA sends before sign-in. */
    getVersion() {
        return { version: this.config.version, deployment_id: this.config.deploymentId };
    }
    /** Authenticates by the `token` cookie only; a bad cookie is anonymous, never 401 (contract README §10). */
    async getAppConfig(req) {
        return this.appConfig.build(await this.authenticator.tryAuthenticate(this.authenticator.credentialFrom(req, 'cookie')));
    }
};
__decorate([
    Get('version'),
    Public(),
    ApiOkResponse({ type: VersionDto }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], MetaController.prototype, "getVersion", null);
__decorate([
    Get('config'),
    Public(),
    ApiOkResponse({ type: AppConfigDto }),
    __param(0, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], MetaController.prototype, "getAppConfig", null);
MetaController = __decorate([
    ApiTags('meta'),
    Controller('api'),
    __param(0, InjectConfig()),
    __metadata("design:paramtypes", [Object, AppConfigService,
        Authenticator])
], MetaController);
export { MetaController };
//# sourceMappingURL=meta.controller.js.map