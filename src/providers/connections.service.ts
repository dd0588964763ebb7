import { Injectable } from '@nestjs/common';
import type { ConnectionOptions } from '../config/app-config.js';
import { SettingsService } from '../settings/settings.service.js';
import type { OllamaConfigDto, OpenAiConfigDto } from './dto/connections.dto.js';

export type ProviderKind = 'openai' | 'ollama';

/** One configured provider endpoint. */
export interface Connection {
  kind: ProviderKind;
  index: number;
  baseUrl: string;
  apiKey: string;
  options: ConnectionOptions;
}

/** The key, as a provider expects it: a Bearer token (none without a key). */
export function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Provider connections (OPENAI_API_* and OLLAMA_*), editable by admins at run time. */
@Injectable()
export class ConnectionsService {
  constructor(private readonly settings: SettingsService) {}

  /** Enabled connections of both kinds, in configuration order. */
  active(): Connection[] {
    const { openai, ollama } = this.settings.get();
    const list: Connection[] = [];
    if (openai.enable) {
      openai.baseUrls.forEach((baseUrl, index) => {
        const options = openai.configs[String(index)] ?? {};
        if (options.enable !== false)
          list.push({ kind: 'openai', index, baseUrl, apiKey: openai.keys[index] ?? '', options });
      });
    }
    if (ollama.enable) {
      ollama.baseUrls.forEach((baseUrl, index) => {
        const options = ollama.configs[String(index)] ?? {};
        if (options.enable !== false) list.push({ kind: 'ollama', index, baseUrl, apiKey: options.key ?? '', options });
      });
    }
    return list;
  }

  openAiConfig(): OpenAiConfigDto {
    const { openai } = this.settings.get();
    return {
      ENABLE_OPENAI_API: openai.enable,
      OPENAI_API_BASE_URLS: openai.baseUrls,
      OPENAI_API_KEYS: openai.keys,
      OPENAI_API_CONFIGS: openai.configs,
    };
  }

  /** Keys are padded or cut to the URL count; configs of removed indexes are dropped (as upstream). */
  async updateOpenAi(input: OpenAiConfigDto): Promise<OpenAiConfigDto> {
    const baseUrls = input.OPENAI_API_BASE_URLS.map(trimSlash);
    await this.settings.update({
      openai: {
        enable: input.ENABLE_OPENAI_API ?? this.settings.get().openai.enable,
        baseUrls,
        keys: baseUrls.map((_, index) => input.OPENAI_API_KEYS[index] ?? ''),
        configs: keepIndexes(input.OPENAI_API_CONFIGS, baseUrls.length),
      },
    });
    return this.openAiConfig();
  }

  ollamaConfig(): OllamaConfigDto {
    const { ollama } = this.settings.get();
    return { ENABLE_OLLAMA_API: ollama.enable, OLLAMA_BASE_URLS: ollama.baseUrls, OLLAMA_API_CONFIGS: ollama.configs };
  }

  async updateOllama(input: OllamaConfigDto): Promise<OllamaConfigDto> {
    const baseUrls = input.OLLAMA_BASE_URLS.map(trimSlash);
    await this.settings.update({
      ollama: {
        enable: input.ENABLE_OLLAMA_API ?? this.settings.get().ollama.enable,
        baseUrls,
        configs: keepIndexes(input.OLLAMA_API_CONFIGS, baseUrls.length),
      },
    });
    return this.ollamaConfig();
  }
}

function keepIndexes(
  configs: Record<string, Record<string, unknown>>,
  count: number,
): Record<string, ConnectionOptions> {
  return Object.fromEntries(Object.entries(configs).filter(([key]) => /^\d+$/.test(key) && Number(key) < count));
}
