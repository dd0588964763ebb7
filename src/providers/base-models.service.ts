import { Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { type Connection, ConnectionsService } from './connections.service.js';
import type { ModelItem } from './model-item.js';
import { fetchConnectionModels } from './provider-models.js';

export interface BaseModel {
  item: ModelItem;
  connection: Connection;
}

/**
 * The provider models, fetched from every connection at once: each connection gets
 * AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST, so a dead provider costs at most that and is left out.
 * The merged list is reused for MODELS_CACHE_TTL, and concurrent callers share one fetch.
 */
@Injectable()
export class BaseModelsService {
  private readonly logger = new Logger(BaseModelsService.name);
  private cached?: { models: BaseModel[]; expiresAt: number; key: string };
  private inFlight?: Promise<BaseModel[]>;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly connections: ConnectionsService,
  ) {}

  async list(refresh = false): Promise<BaseModel[]> {
    // Keyed by the connection settings, so an admin's change is seen at once (on every instance).
    const key = JSON.stringify(this.connections.active());
    const { cached } = this;
    if (!refresh && cached && cached.key === key && cached.expiresAt > Date.now()) return cached.models;
    this.inFlight ??= this.fetchAll(key).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  async find(id: string): Promise<BaseModel | undefined> {
    return (await this.list()).find((model) => model.item.id === id);
  }

  private async fetchAll(key: string): Promise<BaseModel[]> {
    const timeoutMs = this.config.models.listTimeoutSeconds * 1000;
    const connections = this.connections.active();
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
    this.cached = { models, key, expiresAt: Date.now() + this.config.models.cacheTtlSeconds * 1000 };
    return models;
  }
}
