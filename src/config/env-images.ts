// Image generation and editing settings (Admin → Settings → Images), with Open WebUI's names and defaults.
import { openAiFallback } from './env-audio.js';
import type { EnvReader } from './env-parsers.js';

export const IMAGE_ENGINES = ['openai', 'comfyui', 'automatic1111', 'gemini'] as const;
export type ImageEngine = (typeof IMAGE_ENGINES)[number];

/** One ComfyUI workflow input the server fills in (prompt, model, size…), by node id. */
export interface ComfyUiNode {
  type: string;
  key: string;
  node_ids: string[] | string;
  value?: string;
}

/** Keyed as upstream's ImagesConfig (GET/POST /api/v1/images/config). */
export interface ImageSettings {
  ENABLE_IMAGE_GENERATION: boolean;
  ENABLE_IMAGE_PROMPT_GENERATION: boolean;
  IMAGE_GENERATION_ENGINE: ImageEngine;
  IMAGE_GENERATION_MODEL: string;
  IMAGE_SIZE: string | null;
  IMAGE_STEPS: number | null;
  IMAGES_OPENAI_API_BASE_URL: string;
  IMAGES_OPENAI_API_KEY: string;
  IMAGES_OPENAI_API_VERSION: string;
  IMAGES_OPENAI_API_PARAMS: Record<string, unknown> | string | null;
  AUTOMATIC1111_BASE_URL: string;
  AUTOMATIC1111_API_AUTH: string | null;
  AUTOMATIC1111_PARAMS: Record<string, unknown> | string | null;
  COMFYUI_BASE_URL: string;
  COMFYUI_API_KEY: string;
  COMFYUI_WORKFLOW: string;
  COMFYUI_WORKFLOW_NODES: ComfyUiNode[];
  IMAGES_GEMINI_API_BASE_URL: string;
  IMAGES_GEMINI_API_KEY: string;
  IMAGES_GEMINI_ENDPOINT_METHOD: string;
  ENABLE_IMAGE_EDIT: boolean;
  IMAGE_EDIT_ENGINE: ImageEngine;
  IMAGE_EDIT_MODEL: string;
  IMAGE_EDIT_SIZE: string | null;
  IMAGES_EDIT_OPENAI_API_BASE_URL: string;
  IMAGES_EDIT_OPENAI_API_KEY: string;
  IMAGES_EDIT_OPENAI_API_VERSION: string;
  IMAGES_EDIT_GEMINI_API_BASE_URL: string;
  IMAGES_EDIT_GEMINI_API_KEY: string;
  IMAGES_EDIT_COMFYUI_BASE_URL: string;
  IMAGES_EDIT_COMFYUI_API_KEY: string;
  IMAGES_EDIT_COMFYUI_WORKFLOW: string;
  IMAGES_EDIT_COMFYUI_WORKFLOW_NODES: ComfyUiNode[];
}

/** Upstream's default text-to-image workflow (checkpoint, prompt, 512×512 latent, KSampler, save). */
export const COMFYUI_DEFAULT_WORKFLOW = JSON.stringify(
  {
    '3': {
      inputs: {
        seed: 0,
        steps: 20,
        cfg: 8,
        sampler_name: 'euler',
        scheduler: 'normal',
        denoise: 1,
        model: ['4', 0],
        positive: ['6', 0],
        negative: ['7', 0],
        latent_image: ['5', 0],
      },
      class_type: 'KSampler',
      _meta: { title: 'KSampler' },
    },
    '4': {
      inputs: { ckpt_name: 'model.safetensors' },
      class_type: 'CheckpointLoaderSimple',
      _meta: { title: 'Load Checkpoint' },
    },
    '5': {
      inputs: { width: 512, height: 512, batch_size: 1 },
      class_type: 'EmptyLatentImage',
      _meta: { title: 'Empty Latent Image' },
    },
    '6': {
      inputs: { text: 'Prompt', clip: ['4', 1] },
      class_type: 'CLIPTextEncode',
      _meta: { title: 'CLIP Text Encode (Prompt)' },
    },
    '7': {
      inputs: { text: '', clip: ['4', 1] },
      class_type: 'CLIPTextEncode',
      _meta: { title: 'CLIP Text Encode (Prompt)' },
    },
    '8': {
      inputs: { samples: ['3', 0], vae: ['4', 2] },
      class_type: 'VAEDecode',
      _meta: { title: 'VAE Decode' },
    },
    '9': {
      inputs: { filename_prefix: 'ComfyUI', images: ['8', 0] },
      class_type: 'SaveImage',
      _meta: { title: 'Save Image' },
    },
  },
  null,
  2,
);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNodeList = (value: unknown): value is ComfyUiNode[] =>
  Array.isArray(value) &&
  value.every((node) => isObject(node) && typeof node.type === 'string' && typeof node.key === 'string');

export function readImages(read: EnvReader): ImageSettings {
  const openAi = openAiFallback(read);
  const gemini = { url: read.string('GEMINI_API_BASE_URL', ''), key: read.string('GEMINI_API_KEY', '') };
  const engine = (name: string) => read.oneOf(name, IMAGE_ENGINES, 'openai');
  const nodes = (name: string) => read.json(name, [], isNodeList, 'a JSON list of {type, key, node_ids}');
  return {
    ENABLE_IMAGE_GENERATION: read.bool('ENABLE_IMAGE_GENERATION', false),
    ENABLE_IMAGE_PROMPT_GENERATION: read.bool('ENABLE_IMAGE_PROMPT_GENERATION', true),
    IMAGE_GENERATION_ENGINE: engine('IMAGE_GENERATION_ENGINE'),
    IMAGE_GENERATION_MODEL: read.string('IMAGE_GENERATION_MODEL', ''),
    IMAGE_SIZE: read.string('IMAGE_SIZE', '512x512'),
    IMAGE_STEPS: read.int('IMAGE_STEPS', 50, { min: 0, max: 10_000 }),
    IMAGES_OPENAI_API_BASE_URL: read.string('IMAGES_OPENAI_API_BASE_URL', openAi.url),
    IMAGES_OPENAI_API_KEY: read.string('IMAGES_OPENAI_API_KEY', openAi.key),
    IMAGES_OPENAI_API_VERSION: read.string('IMAGES_OPENAI_API_VERSION', ''),
    IMAGES_OPENAI_API_PARAMS: read.json(
      read.raw('IMAGES_OPENAI_API_PARAMS') !== undefined ? 'IMAGES_OPENAI_API_PARAMS' : 'IMAGES_OPENAI_PARAMS',
      {},
      isObject,
      'a JSON object',
    ),
    AUTOMATIC1111_BASE_URL: read.string('AUTOMATIC1111_BASE_URL', ''),
    AUTOMATIC1111_API_AUTH: read.string('AUTOMATIC1111_API_AUTH', ''),
    AUTOMATIC1111_PARAMS: read.json('AUTOMATIC1111_PARAMS', {}, isObject, 'a JSON object'),
    COMFYUI_BASE_URL: read.string('COMFYUI_BASE_URL', ''),
    COMFYUI_API_KEY: read.string('COMFYUI_API_KEY', ''),
    COMFYUI_WORKFLOW: read.string('COMFYUI_WORKFLOW', COMFYUI_DEFAULT_WORKFLOW),
    COMFYUI_WORKFLOW_NODES: nodes('COMFYUI_WORKFLOW_NODES'),
    IMAGES_GEMINI_API_BASE_URL: read.string('IMAGES_GEMINI_API_BASE_URL', gemini.url),
    IMAGES_GEMINI_API_KEY: read.string('IMAGES_GEMINI_API_KEY', gemini.key),
    IMAGES_GEMINI_ENDPOINT_METHOD: read.string('IMAGES_GEMINI_ENDPOINT_METHOD', ''),
    ENABLE_IMAGE_EDIT: read.bool('ENABLE_IMAGE_EDIT', false),
    IMAGE_EDIT_ENGINE: engine('IMAGE_EDIT_ENGINE'),
    IMAGE_EDIT_MODEL: read.string('IMAGE_EDIT_MODEL', ''),
    IMAGE_EDIT_SIZE: read.string('IMAGE_EDIT_SIZE', ''),
    IMAGES_EDIT_OPENAI_API_BASE_URL: read.string('IMAGES_EDIT_OPENAI_API_BASE_URL', openAi.url),
    IMAGES_EDIT_OPENAI_API_KEY: read.string('IMAGES_EDIT_OPENAI_API_KEY', openAi.key),
    IMAGES_EDIT_OPENAI_API_VERSION: read.string('IMAGES_EDIT_OPENAI_API_VERSION', ''),
    IMAGES_EDIT_GEMINI_API_BASE_URL: read.string('IMAGES_EDIT_GEMINI_API_BASE_URL', gemini.url),
    IMAGES_EDIT_GEMINI_API_KEY: read.string('IMAGES_EDIT_GEMINI_API_KEY', gemini.key),
    IMAGES_EDIT_COMFYUI_BASE_URL: read.string('IMAGES_EDIT_COMFYUI_BASE_URL', ''),
    IMAGES_EDIT_COMFYUI_API_KEY: read.string('IMAGES_EDIT_COMFYUI_API_KEY', ''),
    IMAGES_EDIT_COMFYUI_WORKFLOW: read.string('IMAGES_EDIT_COMFYUI_WORKFLOW', ''),
    IMAGES_EDIT_COMFYUI_WORKFLOW_NODES: nodes('IMAGES_EDIT_COMFYUI_WORKFLOW_NODES'),
  };
}
