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
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig } from '../config/config.module.js';
import { fillPermissions } from '../permissions/permission-tree.js';
import { ConfigRowEntity } from './config-row.entity.js';
/**
 * Where each setting lives in Open WebUI's `config` JSON, so a database copied from Open WebUI
 * keeps its saved values and ours stay readable by it.
 */
const PATHS = {
    enableSignup: 'ui.enable_signup',
    enableLoginForm: 'ui.ENABLE_LOGIN_FORM',
    defaultUserRole: 'ui.default_user_role',
    defaultGroupId: 'ui.default_group_id',
    jwtExpiresIn: 'auth.jwt_expiry',
    enableApiKeys: 'auth.enable_api_keys',
    apiKeyEndpointRestrictions: 'auth.api_key.endpoint_restrictions',
    apiKeysAllowedEndpoints: 'auth.api_key.allowed_endpoints',
    showAdminDetails: 'auth.admin.show',
    adminEmail: 'auth.admin.email',
    webuiUrl: 'webui.url',
    enableCommunitySharing: 'ui.enable_community_sharing',
    enableMessageRating: 'ui.enable_message_rating',
    enableChannels: 'channels.enable',
    enableNotes: 'notes.enable',
    enableUserWebhooks: 'ui.enable_user_webhooks',
    pendingUserOverlayTitle: 'ui.pending_user_overlay_title',
    pendingUserOverlayContent: 'ui.pending_user_overlay_content',
    responseWatermark: 'ui.watermark',
    enableLdap: 'ldap.enable',
    defaultLocale: 'ui.default_locale',
    defaultModels: 'ui.default_models',
    defaultPinnedModels: 'ui.default_pinned_models',
    webhookUrl: 'webhook_url',
    permissions: 'user.permissions',
};
function readPath(data, path) {
    return path.split('.').reduce((node, part) => node?.[part], data);
}
function writePath(data, path, value) {
    const parts = path.split('.');
    let node = data;
    for (const part of parts.slice(0, -1)) {
        const next = node[part];
        node = (typeof next === 'object' && next !== null ? next : (node[part] = {}));
    }
    node[parts[parts.length - 1]] = value;
}
/**
 * Settings an admin can change at run time (Open WebUI's PersistentConfig): the env gives the
 * first value, a saved value in the `config` table wins. Reads are served from memory.
 */
let SettingsService = class SettingsService {
    constructor(config, dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.current = { ...config.settings };
    }
    async onModuleInit() {
        await this.reload();
    }
    get() {
        return this.current;
    }
    async reload() {
        const row = await this.latestRow(this.dataSource.getRepository(ConfigRowEntity));
        this.current = this.overlay(row?.data ?? {});
    }
    /** Saves the given settings into the config row (one transaction) and applies them here. */
    async update(changes) {
        await this.dataSource.transaction(async (manager) => {
            const repository = manager.getRepository(ConfigRowEntity);
            const row = await this.latestRow(repository);
            const data = structuredClone(row?.data ?? {});
            for (const [key, value] of Object.entries(changes)) {
                if (value !== undefined)
                    writePath(data, PATHS[key], value);
            }
            if (row)
                await repository.update({ id: row.id }, { data });
            else
                await repository.insert({ data, version: 0 });
            this.current = this.overlay(data);
        });
        return this.current;
    }
    latestRow(repository) {
        return repository.findOne({ where: {}, order: { id: 'DESC' } });
    }
    overlay(data) {
        const settings = { ...this.config.settings };
        if (!this.config.persistentConfig)
            return settings;
        for (const [key, path] of Object.entries(PATHS)) {
            const saved = readPath(data, path);
            const seed = settings[key];
            // A saved value counts only when its type fits the setting: a hand-edited row cannot break boot.
            const fits = saved !== undefined &&
                (seed === null ||
                    saved === null ||
                    typeof saved === typeof seed ||
                    (seed === undefined && typeof saved === 'string'));
            if (fits) {
                settings[key] =
                    key === 'permissions'
                        ? fillPermissions(saved, this.config.settings.permissions)
                        : saved;
            }
        }
        return settings;
    }
};
SettingsService = __decorate([
    Injectable(),
    __param(0, InjectConfig()),
    __param(1, InjectDataSource()),
    __metadata("design:paramtypes", [Object, DataSource])
], SettingsService);
export { SettingsService };
//# sourceMappingURL=settings.service.js.map