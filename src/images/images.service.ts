import { Injectable } from '@nestjs/common';
import type { ImageEngine, ImageSettings } from '../config/env-images.js';
import { badRequest } from '../common/errors.js';
import { SettingsService } from '../settings/settings.service.js';
import type { ImageModelDto, ImagesConfigDto } from './dto/images.dto.js';

const ENGINE_LABELS: Record<ImageEngine, string> = {
  openai: 'OpenAI',
  comfyui: 'ComfyUI',
  automatic1111: 'AUTOMATIC1111',
  gemini: 'Gemini',
};
/** Models that take IMAGE_SIZE "auto" (upstream's IMAGE_AUTO_SIZE_MODELS_REGEX_PATTERN default). */
const AUTO_SIZE_MODELS = /^gpt-image/;
const SIZE = /^\d+x\d+$/;
/** Upstream's fixed lists for the engines whose models are known without asking them. */
const KNOWN_MODELS: Partial<Record<ImageEngine, ImageModelDto[]>> = {
  openai: [
    { id: 'dall-e-2', name: 'DALL·E 2' },
    { id: 'dall-e-3', name: 'DALL·E 3' },
    { id: 'gpt-image-1', name: 'GPT-IMAGE 1' },
  ],
  gemini: [{ id: 'imagen-3.0-generate-002', name: 'imagen-3.0 generate-002' }],
};

/** Upstream's ERROR_MESSAGES.INCORRECT_FORMAT, which the web app shows as it is. */
const incorrectFormat = (hint: string) => badRequest(`Invalid format. Please use the correct format${hint}`);

/**
 * Admin → Settings → Images. The settings are stored and shown with upstream's keys; this server
 * generates no images yet, so generation (and reaching an engine's server) answers a 400 that says so.
 */
@Injectable()
export class ImagesService {
  constructor(private readonly settings: SettingsService) {}

  config(): ImageSettings {
    return this.settings.get().images;
  }

  /** Checks the size and steps as upstream does, before anything is saved. */
  async update(form: ImagesConfigDto): Promise<ImageSettings> {
    const next: ImageSettings = { ...this.config(), ...definedFields(form) };
    const size = next.IMAGE_SIZE ?? '';
    if (size === 'auto' && !AUTO_SIZE_MODELS.test(next.IMAGE_GENERATION_MODEL)) {
      throw incorrectFormat(`  (auto is only allowed with models matching ${AUTO_SIZE_MODELS.source}).`);
    }
    if (size !== 'auto' && size !== '' && !SIZE.test(size)) throw incorrectFormat('  (e.g., 512x512).');
    if (next.IMAGE_STEPS === null || next.IMAGE_STEPS < 0) throw incorrectFormat('  (e.g., 50).');
    // Upstream keeps ComfyUI's base URLs without slashes at either end.
    next.COMFYUI_BASE_URL = next.COMFYUI_BASE_URL.replace(/^\/+|\/+$/g, '');
    next.IMAGES_EDIT_COMFYUI_BASE_URL = next.IMAGES_EDIT_COMFYUI_BASE_URL.replace(/^\/+|\/+$/g, '');
    await this.settings.update({ images: next });
    return this.config();
  }

  /** The "verify" buttons next to the AUTOMATIC1111 and ComfyUI URLs; the other engines need none. */
  verifyUrl(): true {
    const engine = this.config().IMAGE_GENERATION_ENGINE;
    if (engine === 'automatic1111' || engine === 'comfyui') {
      throw badRequest(
        `Connecting to ${ENGINE_LABELS[engine]} is not available on this server yet: its settings are stored, ` +
          'but this server does not call it.',
      );
    }
    return true;
  }

  /** Upstream's lists for OpenAI and Gemini; the engines that would be asked (ComfyUI, AUTOMATIC1111) list none. */
  models(): ImageModelDto[] {
    return KNOWN_MODELS[this.config().IMAGE_GENERATION_ENGINE] ?? [];
  }

  generate(): never {
    const settings = this.config();
    if (!settings.ENABLE_IMAGE_GENERATION) {
      throw badRequest('Image generation is turned off (Admin → Settings → Images).');
    }
    throw badRequest(
      `Image generation with ${ENGINE_LABELS[settings.IMAGE_GENERATION_ENGINE]} is not available on this server ` +
        'yet: its settings are stored, but no images are generated.',
    );
  }
}

function definedFields<T extends object>(form: T): Partial<T> {
  return Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined)) as Partial<T>;
}
