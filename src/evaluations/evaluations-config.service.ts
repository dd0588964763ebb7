import { Injectable } from '@nestjs/common';
import { SettingsService } from '../settings/settings.service.js';
import type { EvaluationsConfigDto, EvaluationsConfigFormDto } from './dto/evaluations-config.dto.js';

/** The arena settings (stored with the other run-time settings; the models domain lists the arenas). */
@Injectable()
export class EvaluationsConfigService {
  constructor(private readonly settings: SettingsService) {}

  get(): EvaluationsConfigDto {
    const { enableArenaModels, arenaModels } = this.settings.get();
    return {
      ENABLE_EVALUATION_ARENA_MODELS: enableArenaModels,
      EVALUATION_ARENA_MODELS: Array.isArray(arenaModels) ? arenaModels : [],
    };
  }

  async update(form: EvaluationsConfigFormDto): Promise<EvaluationsConfigDto> {
    await this.settings.update({
      enableArenaModels: form.ENABLE_EVALUATION_ARENA_MODELS ?? undefined,
      arenaModels: form.EVALUATION_ARENA_MODELS ?? undefined,
    });
    return this.get();
  }
}
