import { Injectable } from '@nestjs/common';
import type { PromptSuggestion } from '../config/env-interface.js';
import type {
  ConnectionsConfigDto,
  ModelsConfigDto,
  UpdateConnectionsConfigDto,
  UpdateModelsConfigDto,
} from './dto/settings.dto.js';
import { SettingsService } from './settings.service.js';

/** The small admin forms of Connections, Models and Interface, in upstream's key names. */
@Injectable()
export class UiConfigService {
  constructor(private readonly settings: SettingsService) {}

  connections(): ConnectionsConfigDto {
    const { enableDirectConnections, enableBaseModelsCache } = this.settings.get();
    return { ENABLE_DIRECT_CONNECTIONS: enableDirectConnections, ENABLE_BASE_MODELS_CACHE: enableBaseModelsCache };
  }

  async setConnections(form: UpdateConnectionsConfigDto): Promise<ConnectionsConfigDto> {
    await this.settings.update({
      enableDirectConnections: form.ENABLE_DIRECT_CONNECTIONS,
      enableBaseModelsCache: form.ENABLE_BASE_MODELS_CACHE,
    });
    return this.connections();
  }

  models(): ModelsConfigDto {
    const { defaultModels, defaultPinnedModels, modelOrderList } = this.settings.get();
    return {
      DEFAULT_MODELS: defaultModels,
      DEFAULT_PINNED_MODELS: defaultPinnedModels,
      MODEL_ORDER_LIST: modelOrderList,
    };
  }

  /** A form without DEFAULT_PINNED_MODELS or MODEL_ORDER_LIST (an older client) leaves them as they are. */
  async setModels(form: UpdateModelsConfigDto): Promise<ModelsConfigDto> {
    await this.settings.update({
      defaultModels: form.DEFAULT_MODELS,
      ...(form.DEFAULT_PINNED_MODELS !== undefined && { defaultPinnedModels: form.DEFAULT_PINNED_MODELS }),
      ...(form.MODEL_ORDER_LIST !== undefined && { modelOrderList: form.MODEL_ORDER_LIST ?? [] }),
    });
    return this.models();
  }

  async setPromptSuggestions(suggestions: PromptSuggestion[]): Promise<PromptSuggestion[]> {
    const saved = await this.settings.update({
      promptSuggestions: suggestions.map(({ title, content }) => ({ title, content })),
    });
    return saved.promptSuggestions;
  }
}
