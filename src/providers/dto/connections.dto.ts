import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { BoolField, HEADER_VALUE, ObjectField } from '../../common/validators.js';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class OpenAiConfigDto {
  @BoolField({ optional: true, example: true })
  ENABLE_OPENAI_API?: boolean;

  @IsArray()
  @ArrayMaxSize(50)
  @IsUrl(URL_OPTIONS, { each: true, message: 'each OPENAI_API_BASE_URLS entry must be an http(s) URL' })
  @ApiProperty({ type: [String], example: ['https://api.openai.com/v1'] })
  OPENAI_API_BASE_URLS: string[];

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(4096, { each: true })
  @Matches(HEADER_VALUE, {
    each: true,
    message: 'each OPENAI_API_KEYS entry must be printable ASCII (it is sent as a header)',
  })
  @ApiProperty({ type: [String], example: ['sk-...'] })
  OPENAI_API_KEYS: string[];

  @ObjectField({ example: { '0': { enable: true, prefix_id: '', tags: [], model_ids: [] } } })
  OPENAI_API_CONFIGS: Record<string, Record<string, unknown>>;
}

export class OllamaConfigDto {
  @BoolField({ optional: true, example: true })
  ENABLE_OLLAMA_API?: boolean;

  @IsArray()
  @ArrayMaxSize(50)
  @IsUrl(URL_OPTIONS, { each: true, message: 'each OLLAMA_BASE_URLS entry must be an http(s) URL' })
  @ApiProperty({ type: [String], example: ['http://localhost:11434'] })
  OLLAMA_BASE_URLS: string[];

  @ObjectField({ example: { '0': { enable: true } } })
  OLLAMA_API_CONFIGS: Record<string, Record<string, unknown>>;
}

export class VerifyConnectionDto {
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  @ApiProperty({ example: 'https://api.openai.com/v1' })
  url: string;

  @IsOptional()
  @IsString()
  @MaxLength(4096)
  @Matches(HEADER_VALUE, { message: 'key must be printable ASCII (it is sent as a header)' })
  @ApiProperty({ required: false, example: 'sk-...' })
  key?: string;
}
