import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { badRequest, forbidden, MESSAGES, notFound } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { CallerUser } from '../access/auth-context.js';
import { scopesAllowedFor } from '../access/api-scopes.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeysRepository } from './api-keys.repository.js';

export const API_KEY_PREFIX = 'sk-';
/** Skip the last-used write when the stored value is this fresh (seconds). */
const LAST_USED_GRANULARITY = 60;

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export interface ApiKeyInfo {
  api_key: string;
  scopes: string[];
  created_at: number;
  last_used_at: number | null;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly settings: SettingsService,
    private readonly permissions: PermissionsService,
  ) {}

  /**
   * Creates the user's key (replacing any earlier one: one key per user, as upstream) and returns
   * the secret, which is never shown again. Needs ENABLE_API_KEYS and `features.api_keys` (no admin
   * bypass, as upstream). Scopes default to `*` and never exceed what the owner's role allows.
   */
  async create(user: CallerUser, requested: string[] | undefined): Promise<{ api_key: string; scopes: string[] }> {
    if (!this.settings.get().enableApiKeys || !(await this.permissions.has(user.id, 'features', 'api_keys'))) {
      throw forbidden(MESSAGES.API_KEY_CREATION_NOT_ALLOWED);
    }
    const scopes = [...new Set(requested && requested.length > 0 ? requested : ['*'])];
    const allowed = scopesAllowedFor(user.role) as string[];
    const refused = scopes.filter((scope) => !allowed.includes(scope));
    if (refused.length > 0) throw badRequest(`Scopes not allowed for your role: ${refused.join(', ')}`);

    // 128 random bits, hex: the upstream shape (sk- + 32 hex characters).
    const key = `${API_KEY_PREFIX}${randomBytes(16).toString('hex')}`;
    await this.keys.replaceForUser(
      Object.assign(new ApiKeyEntity(), {
        id: randomUUID(),
        user_id: user.id,
        key_hash: hashKey(key),
        hint: `${key.slice(0, 7)}…${key.slice(-4)}`,
        scopes,
        last_used_at: null,
        expires_at: null,
        created_at: nowSeconds(),
      }),
    );
    return { api_key: key, scopes };
  }

  /** The masked key and its scopes; the secret itself is not stored. */
  async show(userId: string): Promise<ApiKeyInfo> {
    const key = await this.keys.findForUser(userId);
    if (!key) throw notFound(MESSAGES.API_KEY_NOT_FOUND);
    return { api_key: key.hint, scopes: key.scopes, created_at: key.created_at, last_used_at: key.last_used_at };
  }

  /** Masked keys of many users in one query (admin user lists). */
  async hintsByUser(userIds: string[]): Promise<Map<string, string>> {
    return this.keys.hintsByUser(userIds);
  }

  async delete(userId: string): Promise<boolean> {
    return this.keys.deleteForUser(userId);
  }

  /** Finds the key for a presented secret; null when unknown or expired. */
  async resolve(secret: string): Promise<ApiKeyEntity | null> {
    const key = await this.keys.findByHash(hashKey(secret));
    const now = nowSeconds();
    if (!key || (key.expires_at !== null && key.expires_at <= now)) return null;
    if (key.last_used_at === null || key.last_used_at < now - LAST_USED_GRANULARITY) {
      await this.keys.touchLastUsed(key.id, now);
    }
    return key;
  }
}
