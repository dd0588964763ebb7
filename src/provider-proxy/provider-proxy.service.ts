import { Injectable } from '@nestjs/common';
import { AppError, notFound } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { ModelsService } from '../models/models.service.js';
import { providerModelId } from '../providers/model-item.js';
import type { CallerUser } from '../access/auth-context.js';
import { authHeaders, type Connection, ConnectionsService } from '../providers/connections.service.js';
import { ProviderClient } from '../providers/provider-client.js';

/** The `/openai/*` and `/ollama/*` routes the SPA reads, and `/api/embeddings`. */
@Injectable()
export class ProviderProxyService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly connections: ConnectionsService,
    private readonly models: ModelsService,
    private readonly provider: ProviderClient,
  ) {}

  /** The caller's usable models of one kind, optionally of one connection. */
  async modelsOf(user: CallerUser, kind: 'openai' | 'ollama', index?: number) {
    const items = await this.models.list(user);
    return items.filter(
      (item) => item.owned_by === kind && !item.preset && (index === undefined || item.urlIdx === index),
    );
  }

  async ollamaTags(user: CallerUser, index?: number) {
    const items = await this.modelsOf(user, 'ollama', index);
    return { models: items.map((item) => item.ollama ?? { name: item.id, model: item.id }) };
  }

  /** With Ollama off (or no Ollama connection), `{version: false}` as upstream: the model selector asks each time it opens. */
  async ollamaVersion(index = 0): Promise<{ version: string | false }> {
    if (!this.connections.active().some((connection) => connection.kind === 'ollama')) return { version: false };
    const connection = this.connection('ollama', index);
    const response = await fetch(`${connection.baseUrl}/api/version`, {
      signal: AbortSignal.timeout(this.config.models.listTimeoutSeconds * 1000),
    }).catch(() => null);
    if (!response?.ok) throw new AppError('bad_gateway', 'Ollama did not answer.');
    return (await response.json()) as { version: string };
  }

  /** OpenAI embeddings body in, OpenAI embeddings JSON out, on the model's connection. */
  async embeddings(user: CallerUser, body: { model: string; input: unknown }) {
    const model = await this.models.resolve(user, body.model);
    if (!model) throw badModel();
    return this.provider.embeddings(model, { model: providerModelId(model.base.item), input: body.input });
  }

  /** Admin's "verify connection": the provider's own model list, or a 502 saying why not. */
  async verify(kind: 'openai' | 'ollama', url: string, key?: string) {
    const target = kind === 'openai' ? `${url.replace(/\/+$/, '')}/models` : `${url.replace(/\/+$/, '')}/api/version`;
    const response = await fetch(target, {
      headers: authHeaders(key),
      signal: AbortSignal.timeout(this.config.models.listTimeoutSeconds * 1000),
    }).catch((error: Error) =>
      Promise.reject(new AppError('bad_gateway', `Could not reach ${target}: ${error.message}`)),
    );
    if (!response.ok) throw new AppError('bad_gateway', `${target} answered ${response.status}.`);
    return await response.json();
  }

  private connection(kind: 'openai' | 'ollama', index: number): Connection {
    const connection = this.connections.active().find((c) => c.kind === kind && c.index === index);
    if (!connection) throw notFound();
    return connection;
  }
}

const badModel = () => new AppError('bad_request', 'Model not found');
