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
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import { KeyValueStore } from './key-value.store.js';
import { MemoryStore } from './memory.store.js';
import { RedisStore } from './redis.store.js';
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
/** One shared Redis connection (or null without REDIS_URL); closed on shutdown. */
let RedisLifecycle = class RedisLifecycle {
    constructor(redis, store) {
        this.redis = redis;
        this.store = store;
    }
    async onApplicationShutdown() {
        if (this.store instanceof MemoryStore)
            this.store.close();
        await this.redis?.quit().catch(() => undefined);
    }
};
RedisLifecycle = __decorate([
    Injectable(),
    __param(0, Inject(REDIS_CLIENT)),
    __metadata("design:paramtypes", [Object, KeyValueStore])
], RedisLifecycle);
let KvModule = class KvModule {
};
KvModule = __decorate([
    Global(),
    Module({
        providers: [
            {
                provide: REDIS_CLIENT,
                inject: [APP_CONFIG],
                useFactory: (config) => config.redis.url
                    ? // Commands queue while disconnected and retry, so a Redis restart delays work instead of failing it.
                        new Redis(config.redis.url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false })
                    : null,
            },
            {
                provide: KeyValueStore,
                inject: [APP_CONFIG, REDIS_CLIENT],
                useFactory: (config, redis) => redis ? new RedisStore(redis, config.redis.keyPrefix) : new MemoryStore(),
            },
            RedisLifecycle,
        ],
        exports: [REDIS_CLIENT, KeyValueStore],
    })
], KvModule);
export { KvModule };
//# sourceMappingURL=kv.module.js.map