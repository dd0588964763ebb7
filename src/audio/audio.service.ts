import { Injectable } from '@nestjs/common';
import type { SttSettings, TtsSettings } from '../config/env-audio.js';
import { badRequest } from '../common/errors.js';
import { SettingsService } from '../settings/settings.service.js';
import type { AudioConfigDto, AudioModelsDto, AudioVoicesDto } from './dto/audio.dto.js';

const TTS_LABELS: Record<TtsSettings['ENGINE'], string> = {
  '': 'the Web API',
  transformers: 'Transformers (local)',
  openai: 'OpenAI',
  elevenlabs: 'ElevenLabs',
  azure: 'Azure AI Speech',
};
const STT_LABELS: Record<SttSettings['ENGINE'], string> = {
  '': 'Whisper (local)',
  openai: 'OpenAI',
  web: 'the Web API',
  deepgram: 'Deepgram',
  azure: 'Azure AI Speech',
  mistral: 'MistralAI',
};
/** OpenAI's voices: upstream's list for the openai engine when the provider offers none of its own. */
const OPENAI_VOICES = ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'];

/**
 * Admin → Settings → Audio. The settings are stored and shown with upstream's keys, and the web app
 * follows them (the Web API engines run in the browser); this server runs no speech engine itself,
 * so synthesis and transcription answer a 400 that says so.
 */
@Injectable()
export class AudioService {
  constructor(private readonly settings: SettingsService) {}

  config(): { tts: TtsSettings; stt: SttSettings } {
    const { tts, stt } = this.settings.get();
    return { tts, stt };
  }

  async update(form: AudioConfigDto): Promise<{ tts: TtsSettings; stt: SttSettings }> {
    const current = this.config();
    const stt = definedFields(form.stt);
    if (stt.SUPPORTED_CONTENT_TYPES) {
      // The web app sends the comma-separated field split as it is ("" becomes [""]).
      stt.SUPPORTED_CONTENT_TYPES = stt.SUPPORTED_CONTENT_TYPES.map((type) => type.trim()).filter(Boolean);
    }
    await this.settings.update({
      tts: { ...current.tts, ...definedFields(form.tts) },
      stt: { ...current.stt, ...stt },
    });
    return this.config();
  }

  /** Upstream's fallback lists, without asking a provider: OpenAI's two models, none for the others. */
  models(): AudioModelsDto {
    return { models: this.settings.get().tts.ENGINE === 'openai' ? [{ id: 'tts-1' }, { id: 'tts-1-hd' }] : [] };
  }

  voices(): AudioVoicesDto {
    const openai = this.settings.get().tts.ENGINE === 'openai';
    return { voices: openai ? OPENAI_VOICES.map((voice) => ({ id: voice, name: voice })) : [] };
  }

  speech(): never {
    const engine = this.settings.get().tts.ENGINE;
    if (engine === '') {
      throw badRequest(
        "Text-to-speech is set to the browser's Web API (AUDIO_TTS_ENGINE is empty): the web app speaks " +
          'itself, and this server synthesizes no speech.',
      );
    }
    throw badRequest(
      `Text-to-speech with ${TTS_LABELS[engine]} is not available on this server yet: its settings are stored, ` +
        'but no speech is synthesized. Choose "Web API" in Admin → Settings → Audio to speak in the browser.',
    );
  }

  transcribe(): never {
    const engine = this.settings.get().stt.ENGINE;
    if (engine === 'web') {
      throw badRequest(
        "Speech-to-text is set to the browser's Web API (AUDIO_STT_ENGINE=web): the web app transcribes " +
          'itself, and this server transcribes no audio.',
      );
    }
    throw badRequest(
      `Speech-to-text with ${STT_LABELS[engine]} is not available on this server yet: its settings are stored, ` +
        'but no audio is transcribed. Choose "Web API" in Admin → Settings → Audio to transcribe in the browser.',
    );
  }
}

function definedFields<T extends object>(form: T): Partial<T> {
  return Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined)) as Partial<T>;
}
