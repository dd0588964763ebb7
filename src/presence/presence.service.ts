import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { ExpiringSet, MemoryExpiringSet, RedisExpiringSet } from './expiring-set.js';
import { InjectSocketRedis, type SocketRedis } from './socket-redis.js';

/** A model is in use for 3 s after its last `usage` event; the web app sends one a second while generating. */
const USAGE_TTL_MS = 3_000;

/**
 * The session, user and usage pools behind `/api/usage` and the users' `active` flag. Each instance
 * knows its own sockets; the shared view lives in expiring sets (Redis with the redis manager),
 * refreshed by the owning instance, so the entries of an instance that dies expire within
 * WEBSOCKET_PRESENCE_TTL.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PresenceService.name);
  /** This instance's registered sockets: sid → user id. */
  private readonly local = new Map<string, string>();
  private readonly sessions: ExpiringSet;
  private readonly usage: ExpiringSet;
  private readonly ttlMs: number;
  private refresher?: NodeJS.Timeout;

  constructor(@InjectConfig() config: AppConfig, @InjectSocketRedis() socketRedis: SocketRedis | null) {
    this.ttlMs = config.realtime.presenceTtlMs;
    const key = (name: string) => `${config.redis.keyPrefix}:presence:${name}`;
    this.sessions = socketRedis ? new RedisExpiringSet(socketRedis.pub, key('sessions')) : new MemoryExpiringSet();
    this.usage = socketRedis ? new RedisExpiringSet(socketRedis.pub, key('usage')) : new MemoryExpiringSet();
  }

  onModuleInit(): void {
    this.refresher = setInterval(() => void this.refresh(), Math.max(100, this.ttlMs / 3)).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.refresher);
    const members = [...this.local].map(([sid, userId]) => sessionMember(userId, sid));
    this.local.clear();
    await this.quietly('leave', () => this.sessions.remove(members));
  }

  isLocal(sid: string): boolean {
    return this.local.has(sid);
  }

  async connect(sid: string, userId: string): Promise<void> {
    const previous = this.local.get(sid);
    this.local.set(sid, userId);
    if (previous && previous !== userId)
      await this.quietly('switch', () => this.sessions.remove([sessionMember(previous, sid)]));
    await this.quietly('connect', () => this.sessions.add([sessionMember(userId, sid)], this.ttlMs));
  }

  async disconnect(sid: string): Promise<void> {
    const userId = this.local.get(sid);
    if (userId === undefined) return;
    this.local.delete(sid);
    await this.quietly('disconnect', () => this.sessions.remove([sessionMember(userId, sid)]));
  }

  /** Only registered sockets count (an anonymous socket cannot mark models as busy). */
  async touchUsage(sid: string, modelId: string): Promise<void> {
    if (!this.local.has(sid)) return;
    await this.quietly('usage', () => this.usage.add([JSON.stringify([modelId, sid])], USAGE_TTL_MS));
  }

  async activeUserIds(): Promise<string[]> {
    const members = await this.sessions.live();
    return [...new Set(members.map((member) => member.slice(0, member.indexOf(' '))))];
  }

  async isActive(userId: string): Promise<boolean> {
    return (await this.activeUserIds()).includes(userId);
  }

  async modelsInUse(): Promise<string[]> {
    const members = await this.usage.live();
    return [...new Set(members.map((member) => (JSON.parse(member) as [string, string])[0]))];
  }

  private async refresh(): Promise<void> {
    const members = [...this.local].map(([sid, userId]) => sessionMember(userId, sid));
    await this.quietly('refresh', () => this.sessions.add(members, this.ttlMs));
  }

  /** Presence is advisory: a Redis hiccup is logged, never thrown into a socket handler. */
  private async quietly(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`presence ${what} failed: ${(error as Error).message}`);
    }
  }
}

const sessionMember = (userId: string, sid: string) => `${userId} ${sid}`;
