import type { SttSettings, TtsSettings } from '../config/env-audio.js';
import type { CodeExecutionSettings } from '../config/env-code-execution.js';
import type { ImageSettings } from '../config/env-images.js';

/**
 * Settings that Open WebUI keeps field by field, each at its own path of its `config` JSON (its
 * PersistentConfig entries): every field of the group, mapped to that path.
 */
export type FieldPaths<T> = { readonly [Field in keyof T]: string };

export const CODE_EXECUTION_PATHS: FieldPaths<CodeExecutionSettings> = {
  ENABLE_CODE_EXECUTION: 'code_execution.enable',
  CODE_EXECUTION_ENGINE: 'code_execution.engine',
  CODE_EXECUTION_JUPYTER_URL: 'code_execution.jupyter.url',
  CODE_EXECUTION_JUPYTER_AUTH: 'code_execution.jupyter.auth',
  CODE_EXECUTION_JUPYTER_AUTH_TOKEN: 'code_execution.jupyter.auth_token',
  CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: 'code_execution.jupyter.auth_password',
  CODE_EXECUTION_JUPYTER_TIMEOUT: 'code_execution.jupyter.timeout',
  ENABLE_CODE_INTERPRETER: 'code_interpreter.enable',
  CODE_INTERPRETER_ENGINE: 'code_interpreter.engine',
  CODE_INTERPRETER_PROMPT_TEMPLATE: 'code_interpreter.prompt_template',
  CODE_INTERPRETER_JUPYTER_URL: 'code_interpreter.jupyter.url',
  CODE_INTERPRETER_JUPYTER_AUTH: 'code_interpreter.jupyter.auth',
  CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: 'code_interpreter.jupyter.auth_token',
  CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: 'code_interpreter.jupyter.auth_password',
  CODE_INTERPRETER_JUPYTER_TIMEOUT: 'code_interpreter.jupyter.timeout',
};

export const TTS_PATHS: FieldPaths<TtsSettings> = {
  OPENAI_API_BASE_URL: 'audio.tts.openai.api_base_url',
  OPENAI_API_KEY: 'audio.tts.openai.api_key',
  OPENAI_PARAMS: 'audio.tts.openai.params',
  API_KEY: 'audio.tts.api_key',
  ENGINE: 'audio.tts.engine',
  MODEL: 'audio.tts.model',
  VOICE: 'audio.tts.voice',
  SPLIT_ON: 'audio.tts.split_on',
  AZURE_SPEECH_REGION: 'audio.tts.azure.speech_region',
  AZURE_SPEECH_BASE_URL: 'audio.tts.azure.speech_base_url',
  AZURE_SPEECH_OUTPUT_FORMAT: 'audio.tts.azure.speech_output_format',
};

export const STT_PATHS: FieldPaths<SttSettings> = {
  OPENAI_API_BASE_URL: 'audio.stt.openai.api_base_url',
  OPENAI_API_KEY: 'audio.stt.openai.api_key',
  ENGINE: 'audio.stt.engine',
  MODEL: 'audio.stt.model',
  SUPPORTED_CONTENT_TYPES: 'audio.stt.supported_content_types',
  WHISPER_MODEL: 'audio.stt.whisper_model',
  DEEPGRAM_API_KEY: 'audio.stt.deepgram.api_key',
  AZURE_API_KEY: 'audio.stt.azure.api_key',
  AZURE_REGION: 'audio.stt.azure.region',
  AZURE_LOCALES: 'audio.stt.azure.locales',
  AZURE_BASE_URL: 'audio.stt.azure.base_url',
  AZURE_MAX_SPEAKERS: 'audio.stt.azure.max_speakers',
  MISTRAL_API_KEY: 'audio.stt.mistral.api_key',
  MISTRAL_API_BASE_URL: 'audio.stt.mistral.api_base_url',
  MISTRAL_USE_CHAT_COMPLETIONS: 'audio.stt.mistral.use_chat_completions',
};

export const IMAGE_PATHS: FieldPaths<ImageSettings> = {
  ENABLE_IMAGE_GENERATION: 'image_generation.enable',
  ENABLE_IMAGE_PROMPT_GENERATION: 'image_generation.prompt.enable',
  IMAGE_GENERATION_ENGINE: 'image_generation.engine',
  IMAGE_GENERATION_MODEL: 'image_generation.model',
  IMAGE_SIZE: 'image_generation.size',
  IMAGE_STEPS: 'image_generation.steps',
  IMAGES_OPENAI_API_BASE_URL: 'image_generation.openai.api_base_url',
  IMAGES_OPENAI_API_KEY: 'image_generation.openai.api_key',
  IMAGES_OPENAI_API_VERSION: 'image_generation.openai.api_version',
  IMAGES_OPENAI_API_PARAMS: 'image_generation.openai.params',
  AUTOMATIC1111_BASE_URL: 'image_generation.automatic1111.base_url',
  AUTOMATIC1111_API_AUTH: 'image_generation.automatic1111.api_auth',
  AUTOMATIC1111_PARAMS: 'image_generation.automatic1111.api_params',
  COMFYUI_BASE_URL: 'image_generation.comfyui.base_url',
  COMFYUI_API_KEY: 'image_generation.comfyui.api_key',
  COMFYUI_WORKFLOW: 'image_generation.comfyui.workflow',
  COMFYUI_WORKFLOW_NODES: 'image_generation.comfyui.nodes',
  IMAGES_GEMINI_API_BASE_URL: 'image_generation.gemini.api_base_url',
  IMAGES_GEMINI_API_KEY: 'image_generation.gemini.api_key',
  IMAGES_GEMINI_ENDPOINT_METHOD: 'image_generation.gemini.endpoint_method',
  ENABLE_IMAGE_EDIT: 'images.edit.enable',
  IMAGE_EDIT_ENGINE: 'images.edit.engine',
  IMAGE_EDIT_MODEL: 'images.edit.model',
  IMAGE_EDIT_SIZE: 'images.edit.size',
  IMAGES_EDIT_OPENAI_API_BASE_URL: 'images.edit.openai.api_base_url',
  IMAGES_EDIT_OPENAI_API_KEY: 'images.edit.openai.api_key',
  IMAGES_EDIT_OPENAI_API_VERSION: 'images.edit.openai.api_version',
  IMAGES_EDIT_GEMINI_API_BASE_URL: 'images.edit.gemini.api_base_url',
  IMAGES_EDIT_GEMINI_API_KEY: 'images.edit.gemini.api_key',
  IMAGES_EDIT_COMFYUI_BASE_URL: 'images.edit.comfyui.base_url',
  IMAGES_EDIT_COMFYUI_API_KEY: 'images.edit.comfyui.api_key',
  IMAGES_EDIT_COMFYUI_WORKFLOW: 'images.edit.comfyui.workflow',
  IMAGES_EDIT_COMFYUI_WORKFLOW_NODES: 'images.edit.comfyui.nodes',
};
