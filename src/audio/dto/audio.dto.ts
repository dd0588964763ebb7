import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { STT_ENGINES, type SttSettings, TTS_ENGINES, TTS_SPLITS, type TtsSettings } from '../../config/env-audio.js';
import { BoolField, EnumField, ObjectField, StringArrayField, StringField } from '../../common/validators.js';

const Text = (example: string, maxLength = 2048) => StringField({ optional: true, maxLength, example });

/** The `tts` half of Admin → Settings → Audio; fields left out keep their values. */
export class TtsConfigDto {
  @Text('https://api.openai.com/v1') OPENAI_API_BASE_URL?: string;
  @Text('') OPENAI_API_KEY?: string;
  @ObjectField({ optional: true, example: {} }) OPENAI_PARAMS?: Record<string, unknown>;
  @Text('') API_KEY?: string;
  @EnumField(TTS_ENGINES, 'TtsEngine', { example: '', description: "'' is the browser's Web Speech API" })
  ENGINE!: TtsSettings['ENGINE'];
  @Text('tts-1', 256) MODEL?: string;
  @Text('alloy', 256) VOICE?: string;
  @EnumField(TTS_SPLITS, 'TtsSplit', { optional: true, example: 'punctuation' }) SPLIT_ON?: TtsSettings['SPLIT_ON'];
  @Text('', 256) AZURE_SPEECH_REGION?: string;
  @Text('') AZURE_SPEECH_BASE_URL?: string;
  @Text('audio-24khz-160kbitrate-mono-mp3', 256) AZURE_SPEECH_OUTPUT_FORMAT?: string;
}

/** The `stt` half of Admin → Settings → Audio; fields left out keep their values. */
export class SttConfigDto {
  @Text('https://api.openai.com/v1') OPENAI_API_BASE_URL?: string;
  @Text('') OPENAI_API_KEY?: string;
  @EnumField(STT_ENGINES, 'SttEngine', { example: 'web', description: "'' is local Whisper; web is the browser's" })
  ENGINE!: SttSettings['ENGINE'];
  @Text('whisper-1', 256) MODEL?: string;
  @StringArrayField({ optional: true, maxItems: 100, maxLength: 255, example: ['audio/webm'] })
  SUPPORTED_CONTENT_TYPES?: string[];
  @Text('base', 256) WHISPER_MODEL?: string;
  @Text('') DEEPGRAM_API_KEY?: string;
  @Text('') AZURE_API_KEY?: string;
  @Text('', 256) AZURE_REGION?: string;
  @Text('', 1024) AZURE_LOCALES?: string;
  @Text('') AZURE_BASE_URL?: string;
  @Text('', 16) AZURE_MAX_SPEAKERS?: string;
  @Text('') MISTRAL_API_KEY?: string;
  @Text('https://api.mistral.ai/v1') MISTRAL_API_BASE_URL?: string;
  @BoolField({ optional: true, example: false }) MISTRAL_USE_CHAT_COMPLETIONS?: boolean;
}

/** GET /api/v1/audio/config and POST /config/update, in upstream's shape. */
export class AudioConfigDto {
  @ApiProperty({ type: TtsConfigDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TtsConfigDto)
  tts!: TtsConfigDto;

  @ApiProperty({ type: SttConfigDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SttConfigDto)
  stt!: SttConfigDto;
}

export class AudioModelDto {
  @ApiProperty({ example: 'tts-1' }) id!: string;
}

export class AudioModelsDto {
  @ApiProperty({ type: [AudioModelDto] }) models!: AudioModelDto[];
}

export class AudioVoiceDto {
  @ApiProperty({ example: 'alloy' }) id!: string;
  @ApiProperty({ example: 'alloy' }) name!: string;
}

export class AudioVoicesDto {
  @ApiProperty({ type: [AudioVoiceDto] }) voices!: AudioVoiceDto[];
}

/** What the web app sends to read a message aloud (OpenAI's speech request). */
export class SpeechRequestDto {
  @StringField({ maxLength: 100_000, example: 'Hello there.' }) input!: string;
  @StringField({ optional: true, maxLength: 256, example: 'alloy' }) voice?: string;
  @StringField({ optional: true, maxLength: 256, example: 'tts-1' }) model?: string;
}
