import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PubSub } from '../kv/pub-sub.js';
import type { PartialPermissionTree } from '../config/permission-tree.js';

const CHANNEL = 'groups:changed';
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/** A user's groups as access checks need them: ids (resource grants) and permission trees. */
export interface Membership {
  groupIds: string[];
  trees: (PartialPermissionTree | null)[];
}

/**
 * Each user's group memberships, which every session, API-key and model access check needs.
 * Group writes are rare admin actions, so any of them clears the whole cache, here and (over
 * PubSub) on every instance.
 */
@Injectable()
export class MembershipCache implements OnModuleInit {
  private readonly entries = new Map<string, { membership: Membership; expiresAt: number }>();

  constructor(private readonly pubSub: PubSub) {}

  async onModuleInit(): Promise<void> {
    await this.pubSub.subscribe(CHANNEL, () => this.entries.clear());
    this.pubSub.onResync(() => this.entries.clear());
  }

  get(userId: string): Membership | undefined {
    const entry = this.entries.get(userId);
    if (entry && entry.expiresAt > Date.now()) return entry.membership;
    this.entries.delete(userId);
    return undefined;
  }

  set(userId: string, membership: Membership): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(userId, { membership, expiresAt: Date.now() + TTL_MS });
  }

  async invalidateAll(): Promise<void> {
    this.entries.clear();
    await this.pubSub.publish(CHANNEL, 'changed');
  }
}
