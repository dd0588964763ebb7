import { Injectable, Logger } from '@nestjs/common';
import { AppError, badRequest, errorText } from '../common/errors.js';
import type { AppConfig, TaskSettings } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { ModelsService, type ResolvedModel } from '../models/models.service.js';
import { providerModelId } from '../providers/model-item.js';
import { ProviderClient, type ProviderStream } from '../providers/provider-client.js';
import { SettingsService } from '../settings/settings.service.js';
import type { CallerUser } from '../access/auth-context.js';
import { DEFAULT_TEMPLATES, parseJsonObject, renderTemplate, type TemplateValues } from './task-templates.js';

export type GenerationKind = keyof typeof DEFAULT_TEMPLATES;

/** The kinds whose prompt an admin may replace (the others always use the built-in one). */
const TEMPLATE_KEYS: Partial<Record<GenerationKind, keyof TaskSettings>> = {
  title: 'TITLE_GENERATION_PROMPT_TEMPLATE',
  tags: 'TAGS_GENERATION_PROMPT_TEMPLATE',
  followUps: 'FOLLOW_UP_GENERATION_PROMPT_TEMPLATE',
  queries: 'QUERY_GENERATION_PROMPT_TEMPLATE',
  imagePrompt: 'IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE',
};

export interface AutocompleteRequest {
  model: string;
  prompt: string;
  type?: string;
  messages?: { role: string; content: unknown }[];
}

export interface TaskOptions {
  /** `{{PROMPT}}`, `{{TYPE}}`, `{{RESPONSES}}`… in the kind's template. */
  values?: TemplateValues;
  /** The answer's length cap (an emoji needs a few tokens); else the task model's max_tokens, or 1000. */
  maxTokens?: number;
}

export interface ChatCompletion {
  choices?: { message?: { content?: string } }[];
  [key: string]: unknown;
}

/** Title, tags, follow-ups and search queries, asked of the task model (Open WebUI's background tasks). */
const TASK_TIMEOUT_MS = 60_000;

/** Generated queries beyond these are dropped: each costs a search. */
const MAX_QUERIES = 5;

/** What generated queries are for: each has its own switch (ENABLE_SEARCH_/ENABLE_RETRIEVAL_QUERY_GENERATION). */
export type QueryPurpose = 'web_search' | 'retrieval';

@Injectable()
export class GenerationService {
  private readonly logger = new Logger(GenerationService.name);

  constructor(
    @InjectConfig() private readonly appConfig: AppConfig,
    private readonly models: ModelsService,
    private readonly settings: SettingsService,
    private readonly provider: ProviderClient,
  ) {}

  config(): TaskSettings {
    return this.settings.get().tasks;
  }

  async updateConfig(config: TaskSettings): Promise<TaskSettings> {
    await this.settings.update({ tasks: config });
    return this.config();
  }

  /** One non-streamed completion of the kind's prompt; the answer as an OpenAI chat.completion. */
  async complete(
    user: CallerUser,
    kind: GenerationKind,
    modelId: string,
    messages: { role: string; content: unknown }[],
    options: TaskOptions = {},
  ): Promise<ChatCompletion> {
    const { model, payload } = await this.prepare(user, kind, modelId, messages, options);
    // A title or tags are short: never wait past a minute, nor past AIOHTTP_CLIENT_TIMEOUT when lower.
    return await this.provider.complete(model, payload, {
      timeoutMs: Math.min(TASK_TIMEOUT_MS, this.appConfig.models.requestTimeoutSeconds * 1000),
    });
  }

  /** The kind's prompt answered as a stream (merging responses is as long as an answer). */
  async stream(
    user: CallerUser,
    kind: GenerationKind,
    modelId: string,
    messages: { role: string; content: unknown }[],
    options: TaskOptions & { signal: AbortSignal },
  ): Promise<ProviderStream> {
    const { model, payload } = await this.prepare(user, kind, modelId, messages, options);
    return this.provider.stream(model, { ...payload, stream: true }, { signal: options.signal });
  }

  private async prepare(
    user: CallerUser,
    kind: GenerationKind,
    modelId: string,
    messages: { role: string; content: unknown }[],
    options: TaskOptions,
  ) {
    const chatModel = await this.models.resolve(user, modelId);
    if (!chatModel) throw new AppError('not_found', 'Model not found');
    const model = await this.taskModel(user, chatModel);
    const templateKey = TEMPLATE_KEYS[kind];
    const template = (templateKey && (this.config()[templateKey] as string)) || DEFAULT_TEMPLATES[kind];
    const payload = {
      model: providerModelId(model.base.item),
      messages: [{ role: 'user', content: renderTemplate(template, messages, options.values) }],
      stream: false,
      max_tokens: options.maxTokens ?? Number(model.row?.params.max_tokens ?? 1000),
    };
    return { model, payload };
  }

  /** The chat input's autocomplete: off unless enabled, and only for input up to the configured length. */
  async autocomplete(user: CallerUser, input: AutocompleteRequest): Promise<ChatCompletion> {
    const { ENABLE_AUTOCOMPLETE_GENERATION, AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: maxLength } = this.config();
    if (!ENABLE_AUTOCOMPLETE_GENERATION) throw badRequest('Autocompletion generation is disabled');
    if (maxLength > 0 && input.prompt.length > maxLength) {
      throw badRequest(`Input prompt exceeds maximum length of ${maxLength}`);
    }
    return this.complete(user, 'autocomplete', input.model, input.messages ?? [], {
      values: { PROMPT: input.prompt, TYPE: input.type || 'general' },
    });
  }

  /** The parsed JSON object the task model answered with (null when it did not). */
  async generate(
    user: CallerUser,
    kind: GenerationKind,
    modelId: string,
    messages: { role: string; content: unknown }[],
  ) {
    const completion = await this.complete(user, kind, modelId, messages);
    return parseJsonObject(completion.choices?.[0]?.message?.content ?? '');
  }

  /**
   * Search queries for the conversation from the task model, as Open WebUI's generate_queries: its
   * `{"queries": [...]}` (an answer that is not JSON is one query). Empty when that kind of generation is
   * off, fails or proposes nothing: the caller then searches for the user's message itself.
   */
  async queries(
    user: CallerUser,
    purpose: QueryPurpose,
    modelId: string,
    messages: { role: string; content: unknown }[],
  ): Promise<string[]> {
    const settings = this.config();
    const enabled =
      purpose === 'retrieval' ? settings.ENABLE_RETRIEVAL_QUERY_GENERATION : settings.ENABLE_SEARCH_QUERY_GENERATION;
    if (!enabled) return [];
    try {
      const completion = await this.complete(user, 'queries', modelId, messages);
      const content = completion.choices?.[0]?.message?.content ?? '';
      const parsed = parseJsonObject(content);
      const answered = parsed ? parsed.queries : [content];
      return (Array.isArray(answered) ? answered : [])
        .filter((query): query is string => typeof query === 'string' && query.trim() !== '')
        .map((query) => query.trim())
        .slice(0, MAX_QUERIES);
    } catch (error) {
      this.logger.debug(`${purpose} query generation failed: ${errorText(error)}`);
      return [];
    }
  }

  /**
   * TASK_MODEL for local (Ollama) chat models, TASK_MODEL_EXTERNAL for the others, when set and
   * usable; else the chat model itself.
   */
  private async taskModel(user: CallerUser, chatModel: ResolvedModel): Promise<ResolvedModel> {
    const { TASK_MODEL, TASK_MODEL_EXTERNAL } = this.config();
    const preferred = chatModel.item.connection_type === 'local' ? TASK_MODEL : TASK_MODEL_EXTERNAL;
    if (!preferred) return chatModel;
    return (await this.models.resolve(user, preferred)) ?? chatModel;
  }
}
