import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PubSub } from '../kv/pub-sub.js';
import type { PartialPermissionTree } from './permission-tree.js';

const CHANNEL = 'groups:changed';
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * The permission trees of each user's groups, which every session and API-key check needs.
 * Group writes are rare admin actions, so any of them clears the whole cache, here and (over
 * PubSub) on every instance.
 */
@Injectable()
export class MembershipCache implements OnModuleInit {
  private readonly entries = new Map<string, { trees: (PartialPermissionTree | null)[]; expiresAt: number }>();

  constructor(private readonly pubSub: PubSub) {}

  async onModuleInit(): Promise<void> {
    await this.pubSub.subscribe(CHANNEL, () => this.entries.clear());
    this.pubSub.onResync(() => this.entries.clear());
  }

  get(userId: string): (PartialPermissionTree | null)[] | undefined {
    const entry = this.entries.get(userId);
    if (entry && entry.expiresAt > Date.now()) return entry.trees;
    this.entries.delete(userId);
    return undefined;
  }

  set(userId: string, trees: (PartialPermissionTree | null)[]): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(userId, { trees, expiresAt: Date.now() + TTL_MS });
  }

  async invalidateAll(): Promise<void> {
    this.entries.clear();
    await this.pubSub.publish(CHANNEL, 'changed');
  }
}
