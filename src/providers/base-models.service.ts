import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { KeyValueStore } from '../kv/key-value.store.js';
import { type Connection, ConnectionsService, type ProviderKind } from './connections.service.js';
import type { ModelItem } from './model-item.js';
import { fetchConnectionModels } from './provider-models.js';

export interface BaseModel {
  item: ModelItem;
  connection: Connection;
}

/** A model as shared between instances: its connection by kind and index, so API keys stay out of Redis. */
interface SharedModel {
  item: ModelItem;
  kind: ProviderKind;
  index: number;
}

/**
 * Every completion resolves its model through this list, so a process reuses its copy for at most a
 * second (or MODELS_CACHE_TTL when shorter) before reading the shared one again: a Redis round trip
 * and a JSON parse per request would cost more than the rest of the lookup.
 */
const LOCAL_COPY_MS = 1000;

/**
 * The provider models, fetched from every connection at once: each connection gets
 * AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST, so a dead provider costs at most that and is left out.
 * The merged list is kept for MODELS_CACHE_TTL in the KeyValueStore (shared by the instances when
 * REDIS_URL is set), and concurrent callers in a process share one fetch. The cache is keyed by the
 * connection settings: an admin's change is broadcast to every instance (SettingsService), which then
 * reads under the new key, so a change is seen at once everywhere; a forced refresh overwrites the
 * shared list, seen by the other instances within a second.
 */
@Injectable()
export class BaseModelsService {
  private readonly logger = new Logger(BaseModelsService.name);
  private local?: { models: BaseModel[]; expiresAt: number; key: string };
  private inFlight?: { key: string; refresh: boolean; models: Promise<BaseModel[]> };

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly connections: ConnectionsService,
    private readonly store: KeyValueStore,
  ) {}

  async list(refresh = false): Promise<BaseModel[]> {
    const connections = this.connections.active();
    const key = JSON.stringify(connections);
    const { local } = this;
    if (!refresh && local && local.key === key && local.expiresAt > Date.now()) return local.models;
    const { inFlight } = this;
    // A forced refresh may not join a load that might answer from the shared copy.
    if (inFlight?.key !== key || (refresh && !inFlight.refresh)) {
      // A superseded fetch (the settings changed meanwhile) must not clear its successor.
      const models = this.load(key, connections, refresh).finally(() => {
        if (this.inFlight?.models === models) this.inFlight = undefined;
      });
      this.inFlight = { key, refresh, models };
      return models;
    }
    return inFlight.models;
  }

  async find(id: string): Promise<BaseModel | undefined> {
    return (await this.list()).find((model) => model.item.id === id);
  }

  private async load(key: string, connections: Connection[], refresh: boolean): Promise<BaseModel[]> {
    const ttlSeconds = this.config.models.cacheTtlSeconds;
    let models = ttlSeconds > 0 && !refresh ? await this.readShared(key, connections) : undefined;
    if (!models) {
      models = await this.fetchAll(connections);
      if (ttlSeconds > 0) await this.writeShared(key, models, ttlSeconds);
    }
    this.local = { models, key, expiresAt: Date.now() + Math.min(LOCAL_COPY_MS, ttlSeconds * 1000) };
    return models;
  }

  private async readShared(key: string, connections: Connection[]): Promise<BaseModel[] | undefined> {
    try {
      const raw = await this.store.get(storeKey(key));
      if (raw === null) return undefined;
      const models: BaseModel[] = [];
      for (const { item, kind, index } of JSON.parse(raw) as SharedModel[]) {
        const connection = connections.find((c) => c.kind === kind && c.index === index);
        if (!connection) return undefined;
        models.push({ item, connection });
      }
      return models;
    } catch (error) {
      this.logger.warn(`Shared model list unreadable: ${String(error)}`);
      return undefined;
    }
  }

  private async writeShared(key: string, models: BaseModel[], ttlSeconds: number): Promise<void> {
    const shared: SharedModel[] = models.map(({ item, connection }) => ({
      item,
      kind: connection.kind,
      index: connection.index,
    }));
    await this.store
      .set(storeKey(key), JSON.stringify(shared), ttlSeconds)
      .catch((error: unknown) => this.logger.warn(`Shared model list not saved: ${String(error)}`));
  }

  private async fetchAll(connections: Connection[]): Promise<BaseModel[]> {
    const timeoutMs = this.config.models.listTimeoutSeconds * 1000;
    const results = await Promise.allSettled(connections.map((c) => fetchConnectionModels(c, timeoutMs)));
    const models: BaseModel[] = [];
    const seen = new Set<string>();
    results.forEach((result, index) => {
      const connection = connections[index];
      if (result.status === 'rejected') {
        this.logger.warn(
          `${connection.kind} connection ${connection.index} (${connection.baseUrl}): ${String(result.reason)}`,
        );
        return;
      }
      for (const item of result.value) {
        // The first connection that offers an id serves it (Ollama models on several hosts are merged upstream).
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        models.push({ item, connection });
      }
    });
    return models;
  }
}

/** The connection settings (API keys included) only as a digest in the shared key. */
function storeKey(settingsKey: string): string {
  return `models:base:${createHash('sha256').update(settingsKey).digest('hex').slice(0, 32)}`;
}
