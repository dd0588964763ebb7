import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PubSub } from '../kv/pub-sub.js';
import type { UserEntity } from './user.entity.js';

const CHANNEL = 'users:changed';
/** Short enough that a missed invalidation heals quickly; long enough to absorb request bursts. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Users as loaded by the authenticator, kept a few seconds so a burst of requests does not read
 * the same row each time. Every write through UsersRepository drops the entry here and, over
 * PubSub, on every other instance.
 */
@Injectable()
export class UserCache implements OnModuleInit {
  private readonly entries = new Map<string, { user: UserEntity; expiresAt: number }>();

  constructor(private readonly pubSub: PubSub) {}

  async onModuleInit(): Promise<void> {
    await this.pubSub.subscribe(CHANNEL, (userId) => this.entries.delete(userId));
  }

  get(id: string): UserEntity | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.user;
    this.entries.delete(id);
    return undefined;
  }

  set(user: UserEntity): void {
    // Map keeps insertion order: dropping the first key evicts the oldest entry.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(user.id, { user, expiresAt: Date.now() + TTL_MS });
  }

  async invalidate(id: string): Promise<void> {
    this.entries.delete(id);
    await this.pubSub.publish(CHANNEL, id);
  }
}
