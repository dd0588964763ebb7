import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateIf, ValidateNested } from 'class-validator';
import { IMAGE_ENGINES, type ImageEngine } from '../../config/env-images.js';
import { BoolField, EnumField, IntField, ObjectField, StringArrayField, StringField } from '../../common/validators.js';

const Text = (example: string, maxLength = 2048) => StringField({ optional: true, maxLength, example });
const NullableText = (example: string, maxLength = 2048) =>
  StringField({ optional: true, nullable: true, maxLength, example });
const WORKFLOW_MAX = 1_000_000;

/** One ComfyUI workflow input the server would fill in (prompt, model, size…), by node id. */
export class ComfyUiNodeDto {
  @StringField({ maxLength: 64, example: 'prompt' }) type!: string;
  @StringField({ maxLength: 256, example: 'text' }) key!: string;
  @StringArrayField({ maxItems: 100, maxLength: 64, example: ['6'] }) node_ids!: string[];
  @StringField({ optional: true, maxLength: 10_000 }) value?: string;
}

const NodeList = () =>
  applyDecorators(
    ApiProperty({ type: [ComfyUiNodeDto], required: false }),
    // Left out keeps the list; null is refused (the web app reads the list without a check).
    ValidateIf((_, value) => value !== undefined),
    IsArray(),
    ArrayMaxSize(100),
    ValidateNested({ each: true }),
    Type(() => ComfyUiNodeDto),
  );

/** Admin → Settings → Images, keyed as upstream's ImagesConfig; fields left out keep their values. */
export class ImagesConfigDto {
  @BoolField({ example: false }) ENABLE_IMAGE_GENERATION!: boolean;
  @BoolField({ optional: true, example: true }) ENABLE_IMAGE_PROMPT_GENERATION?: boolean;
  @EnumField(IMAGE_ENGINES, 'ImageEngine', { example: 'openai' }) IMAGE_GENERATION_ENGINE!: ImageEngine;
  @Text('dall-e-3', 256) IMAGE_GENERATION_MODEL?: string;
  @NullableText('512x512', 32) IMAGE_SIZE?: string | null;
  @IntField({ optional: true, nullable: true, max: 10_000, example: 50 }) IMAGE_STEPS?: number | null;
  @Text('https://api.openai.com/v1') IMAGES_OPENAI_API_BASE_URL?: string;
  @Text('') IMAGES_OPENAI_API_KEY?: string;
  @Text('', 64) IMAGES_OPENAI_API_VERSION?: string;
  @ObjectField({ optional: true, nullable: true, example: {} }) IMAGES_OPENAI_API_PARAMS?: Record<
    string,
    unknown
  > | null;
  @Text('http://automatic1111:7860') AUTOMATIC1111_BASE_URL?: string;
  @NullableText('user:password', 1024) AUTOMATIC1111_API_AUTH?: string | null;
  @ObjectField({ optional: true, nullable: true, example: {} }) AUTOMATIC1111_PARAMS?: Record<string, unknown> | null;
  @Text('http://comfyui:8188') COMFYUI_BASE_URL?: string;
  @Text('') COMFYUI_API_KEY?: string;
  @Text('{}', WORKFLOW_MAX) COMFYUI_WORKFLOW?: string;
  @NodeList() COMFYUI_WORKFLOW_NODES?: ComfyUiNodeDto[];
  @Text('https://generativelanguage.googleapis.com/v1beta') IMAGES_GEMINI_API_BASE_URL?: string;
  @Text('') IMAGES_GEMINI_API_KEY?: string;
  @Text('predict', 64) IMAGES_GEMINI_ENDPOINT_METHOD?: string;
  @BoolField({ optional: true, example: false }) ENABLE_IMAGE_EDIT?: boolean;
  @EnumField(IMAGE_ENGINES, 'ImageEngine', { optional: true, example: 'openai' }) IMAGE_EDIT_ENGINE?: ImageEngine;
  @Text('gpt-image-1', 256) IMAGE_EDIT_MODEL?: string;
  @NullableText('', 32) IMAGE_EDIT_SIZE?: string | null;
  @Text('https://api.openai.com/v1') IMAGES_EDIT_OPENAI_API_BASE_URL?: string;
  @Text('') IMAGES_EDIT_OPENAI_API_KEY?: string;
  @Text('', 64) IMAGES_EDIT_OPENAI_API_VERSION?: string;
  @Text('https://generativelanguage.googleapis.com/v1beta') IMAGES_EDIT_GEMINI_API_BASE_URL?: string;
  @Text('') IMAGES_EDIT_GEMINI_API_KEY?: string;
  @Text('http://comfyui:8188') IMAGES_EDIT_COMFYUI_BASE_URL?: string;
  @Text('') IMAGES_EDIT_COMFYUI_API_KEY?: string;
  @Text('', WORKFLOW_MAX) IMAGES_EDIT_COMFYUI_WORKFLOW?: string;
  @NodeList() IMAGES_EDIT_COMFYUI_WORKFLOW_NODES?: ComfyUiNodeDto[];
}

export class ImageModelDto {
  @ApiProperty({ example: 'dall-e-3' }) id!: string;
  @ApiProperty({ example: 'DALL·E 3' }) name!: string;
}

/** What the chat's image button sends (upstream's CreateImageForm). */
export class CreateImageDto {
  @StringField({ maxLength: 100_000, example: 'A lighthouse at dusk, watercolor' }) prompt!: string;
  @StringField({ optional: true, nullable: true, maxLength: 256, example: 'dall-e-3' }) model?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 32, example: '1024x1024' }) size?: string | null;
  @IntField({ optional: true, min: 1, max: 10, example: 1 }) n?: number;
  @StringField({ optional: true, nullable: true, maxLength: 100_000 }) negative_prompt?: string | null;
}
