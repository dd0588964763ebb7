// Speech settings (Admin → Settings → Audio) with Open WebUI's variable names and defaults.
import type { EnvReader } from './env-parsers.js';

/** '' is the browser's Web Speech API: the web app speaks itself and never asks the server. */
export const TTS_ENGINES = ['', 'transformers', 'openai', 'elevenlabs', 'azure'] as const;
/** '' is local Whisper; 'web' is the browser's speech recognition. */
export const STT_ENGINES = ['', 'openai', 'web', 'deepgram', 'azure', 'mistral'] as const;
export const TTS_SPLITS = ['punctuation', 'paragraphs', 'none'] as const;

/** Text-to-speech, keyed as the `tts` object of upstream's /api/v1/audio/config. */
export interface TtsSettings {
  OPENAI_API_BASE_URL: string;
  OPENAI_API_KEY: string;
  OPENAI_PARAMS: Record<string, unknown>;
  API_KEY: string;
  ENGINE: (typeof TTS_ENGINES)[number];
  MODEL: string;
  VOICE: string;
  SPLIT_ON: (typeof TTS_SPLITS)[number];
  AZURE_SPEECH_REGION: string;
  AZURE_SPEECH_BASE_URL: string;
  AZURE_SPEECH_OUTPUT_FORMAT: string;
}

/** Speech-to-text, keyed as the `stt` object of upstream's /api/v1/audio/config. */
export interface SttSettings {
  OPENAI_API_BASE_URL: string;
  OPENAI_API_KEY: string;
  ENGINE: (typeof STT_ENGINES)[number];
  MODEL: string;
  SUPPORTED_CONTENT_TYPES: string[];
  WHISPER_MODEL: string;
  DEEPGRAM_API_KEY: string;
  AZURE_API_KEY: string;
  AZURE_REGION: string;
  AZURE_LOCALES: string;
  AZURE_BASE_URL: string;
  AZURE_MAX_SPEAKERS: string;
  MISTRAL_API_KEY: string;
  MISTRAL_API_BASE_URL: string;
  MISTRAL_USE_CHAT_COMPLETIONS: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Upstream's audio and image settings fall back to the main OpenAI connection's URL and key. */
export const openAiFallback = (read: EnvReader) => ({
  url: read.string('OPENAI_API_BASE_URL', 'https://api.openai.com/v1').replace(/\/+$/, ''),
  key: read.string('OPENAI_API_KEY', ''),
});

export function readTts(read: EnvReader): TtsSettings {
  const openAi = openAiFallback(read);
  return {
    OPENAI_API_BASE_URL: read.string('AUDIO_TTS_OPENAI_API_BASE_URL', openAi.url),
    OPENAI_API_KEY: read.string('AUDIO_TTS_OPENAI_API_KEY', openAi.key),
    OPENAI_PARAMS: read.json('AUDIO_TTS_OPENAI_PARAMS', {}, isObject, 'a JSON object'),
    API_KEY: read.string('AUDIO_TTS_API_KEY', ''),
    ENGINE: read.oneOf('AUDIO_TTS_ENGINE', TTS_ENGINES, ''),
    MODEL: read.string('AUDIO_TTS_MODEL', 'tts-1'),
    VOICE: read.string('AUDIO_TTS_VOICE', 'alloy'),
    SPLIT_ON: read.oneOf('AUDIO_TTS_SPLIT_ON', TTS_SPLITS, 'punctuation'),
    AZURE_SPEECH_REGION: read.string('AUDIO_TTS_AZURE_SPEECH_REGION', ''),
    AZURE_SPEECH_BASE_URL: read.string('AUDIO_TTS_AZURE_SPEECH_BASE_URL', ''),
    AZURE_SPEECH_OUTPUT_FORMAT: read.string('AUDIO_TTS_AZURE_SPEECH_OUTPUT_FORMAT', 'audio-24khz-160kbitrate-mono-mp3'),
  };
}

export function readStt(read: EnvReader): SttSettings {
  const openAi = openAiFallback(read);
  return {
    OPENAI_API_BASE_URL: read.string('AUDIO_STT_OPENAI_API_BASE_URL', openAi.url),
    OPENAI_API_KEY: read.string('AUDIO_STT_OPENAI_API_KEY', openAi.key),
    ENGINE: read.oneOf('AUDIO_STT_ENGINE', STT_ENGINES, ''),
    MODEL: read.string('AUDIO_STT_MODEL', ''),
    SUPPORTED_CONTENT_TYPES: read.list('AUDIO_STT_SUPPORTED_CONTENT_TYPES', ',') ?? [],
    WHISPER_MODEL: read.string('WHISPER_MODEL', 'base'),
    DEEPGRAM_API_KEY: read.string('DEEPGRAM_API_KEY', ''),
    AZURE_API_KEY: read.string('AUDIO_STT_AZURE_API_KEY', ''),
    AZURE_REGION: read.string('AUDIO_STT_AZURE_REGION', ''),
    AZURE_LOCALES: read.string('AUDIO_STT_AZURE_LOCALES', ''),
    AZURE_BASE_URL: read.string('AUDIO_STT_AZURE_BASE_URL', ''),
    AZURE_MAX_SPEAKERS: read.string('AUDIO_STT_AZURE_MAX_SPEAKERS', ''),
    MISTRAL_API_KEY: read.string('AUDIO_STT_MISTRAL_API_KEY', ''),
    MISTRAL_API_BASE_URL: read.string('AUDIO_STT_MISTRAL_API_BASE_URL', 'https://api.mistral.ai/v1'),
    MISTRAL_USE_CHAT_COMPLETIONS: read.bool('AUDIO_STT_MISTRAL_USE_CHAT_COMPLETIONS', false),
  };
}
