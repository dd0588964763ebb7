import type { SttSettings, TtsSettings } from './env-audio.js';
import type { CodeExecutionSettings } from './env-code-execution.js';
import type { ImageSettings } from './env-images.js';
import type { OAuthConfig } from './env-oauth.js';
import type { PromptSuggestion, ToolServerConnection } from './env-interface.js';
import type { PermissionTree } from './permission-tree.js';

export const APP_VERSION = '0.6.40';
export const ROLES = ['pending', 'user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface DatabaseConfig {
  /** 'sqlite' file in DATA_DIR unless DATABASE_URL names PostgreSQL. */
  type: 'sqlite' | 'postgres';
  url?: string;
  sqlitePath: string;
  schema?: string;
  poolSize: number;
  poolTimeoutSeconds: number;
  poolRecycleSeconds: number;
}

export interface SecurityHeadersConfig {
  hsts?: string;
  frameOptions: string;
  contentSecurityPolicy?: string;
  referrerPolicy: string;
  permissionsPolicy?: string;
}

/** Values an admin may change at run time; the env gives the first value, the config table wins after a save. */
export interface RuntimeSettingsSeed {
  enableSignup: boolean;
  enableLoginForm: boolean;
  defaultUserRole: Role;
  defaultGroupId: string;
  jwtExpiresIn: string;
  enableApiKeys: boolean;
  apiKeyEndpointRestrictions: boolean;
  apiKeysAllowedEndpoints: string;
  showAdminDetails: boolean;
  adminEmail?: string;
  webuiUrl: string;
  enableCommunitySharing: boolean;
  enableMessageRating: boolean;
  enableChannels: boolean;
  enableNotes: boolean;
  enableUserWebhooks: boolean;
  pendingUserOverlayTitle: string;
  pendingUserOverlayContent: string;
  responseWatermark: string;
  enableLdap: boolean;
  defaultLocale: string;
  defaultModels: string | null;
  defaultPinnedModels: string | null;
  webhookUrl: string;
  permissions: PermissionTree;
  /** Set when the first account signs up; null on a database that predates it (then: earliest admin). */
  primaryAdminId: string | null;
  openai: OpenAiConnectionsSetting;
  ollama: OllamaConnectionsSetting;
  tasks: TaskSettings;
  /** WEBUI_BANNERS: announcements shown above the chat (`/api/v1/configs/banners`). */
  banners: Banner[];
  /** Documents: extraction, chunking, embeddings and retrieval (`/api/v1/retrieval/config`, `/embedding`). */
  rag: RagSettings;
  /** Web Search: engines, result counts and the page loader (`web` of `/api/v1/retrieval/config`). */
  web: WebSearchSettings;
  /** The directory LDAP sign-in asks (`/api/v1/auths/admin/config/ldap/server`). */
  ldapServer: LdapServerSettings;
  /** Open WebUI's `ldap.group.*` keys: whether LDAP sign-in syncs (and creates) the user's groups. */
  ldapGroup: LdapGroupSettings;
  /** ENABLE_EVALUATION_ARENA_MODELS: the arena model(s) join the model list (`/api/v1/evaluations/config`). */
  enableArenaModels: boolean;
  /** Arena models an admin defined; none means the one default arena over every model. */
  arenaModels: ArenaModelSetting[];
  /** ENABLE_DIRECT_CONNECTIONS: users may add their own OpenAI-compatible connections in the web app. */
  enableDirectConnections: boolean;
  /** ENABLE_BASE_MODELS_CACHE (Admin → Settings → Connections); stored only, see README. */
  enableBaseModelsCache: boolean;
  /** The admin's model order (Admin → Settings → Models); listed ids first, in this order. */
  modelOrderList: string[];
  /** DEFAULT_PROMPT_SUGGESTIONS: the new-chat starters (Admin → Settings → Interface). */
  promptSuggestions: PromptSuggestion[];
  /** TOOL_SERVER_CONNECTIONS (Admin → Settings → External Tools). */
  toolServerConnections: ToolServerConnection[];
  /** Admin → Settings → Code Execution. */
  codeExecution: CodeExecutionSettings;
  /** Admin → Settings → Audio. */
  tts: TtsSettings;
  stt: SttSettings;
  /** Admin → Settings → Images. */
  images: ImageSettings;
}

/** Open WebUI's `ldap.server.*` keys, so a copied database keeps its directory settings. */
export interface LdapServerSettings {
  label: string;
  host: string;
  port: number | null;
  attribute_for_mail: string;
  attribute_for_username: string;
  app_dn: string;
  app_password: string;
  /** LDAP_SEARCH_BASE */
  users_dn: string;
  /** LDAP_SEARCH_FILTERS */
  search_filter: string;
  use_tls: boolean;
  ca_cert_file: string;
  validate_cert: boolean;
  ciphers: string;
  /** LDAP_ATTRIBUTE_FOR_GROUPS: the user entry's attribute listing the DNs of their groups. */
  attribute_for_groups: string;
}

export interface LdapGroupSettings {
  /** ENABLE_LDAP_GROUP_MANAGEMENT */
  enable_management: boolean;
  /** ENABLE_LDAP_GROUP_CREATION */
  enable_creation: boolean;
}

/**
 * An arena model as Admin → Settings → Evaluations saves it (upstream's EVALUATION_ARENA_MODELS
 * item): it answers through a random one of `meta.model_ids` (or of all others with
 * `filter_mode: 'exclude'`, or of every model when the list is empty).
 */
export interface ArenaModelSetting {
  id: string;
  name: string;
  meta: {
    profile_image_url?: string;
    description?: string | null;
    model_ids?: string[] | null;
    filter_mode?: 'include' | 'exclude' | null;
    access_control?: Record<string, unknown> | null;
  };
}

export const EMBEDDING_ENGINES = ['', 'openai', 'ollama', 'azure_openai'] as const;
export type EmbeddingEngine = (typeof EMBEDDING_ENGINES)[number];
export const TEXT_SPLITTERS = ['', 'character', 'token'] as const;

/**
 * The retrieval settings, with Open WebUI's key names (they are the JSON keys of its routes).
 * An empty RAG_EMBEDDING_ENGINE means no embeddings: retrieval runs on full-text search alone.
 */
export interface RagSettings {
  TEXT_SPLITTER: (typeof TEXT_SPLITTERS)[number];
  CHUNK_SIZE: number;
  CHUNK_OVERLAP: number;
  RAG_TEMPLATE: string;
  TOP_K: number;
  TOP_K_RERANKER: number;
  RELEVANCE_THRESHOLD: number;
  ENABLE_RAG_HYBRID_SEARCH: boolean;
  ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS: boolean;
  HYBRID_BM25_WEIGHT: number;
  RAG_FULL_CONTEXT: boolean;
  BYPASS_EMBEDDING_AND_RETRIEVAL: boolean;
  RAG_EMBEDDING_ENGINE: EmbeddingEngine;
  RAG_EMBEDDING_MODEL: string;
  RAG_EMBEDDING_BATCH_SIZE: number;
  ENABLE_ASYNC_EMBEDDING: boolean;
  RAG_OPENAI_API_BASE_URL: string;
  RAG_OPENAI_API_KEY: string;
  RAG_OLLAMA_BASE_URL: string;
  RAG_OLLAMA_API_KEY: string;
  RAG_AZURE_OPENAI_BASE_URL: string;
  RAG_AZURE_OPENAI_API_KEY: string;
  RAG_AZURE_OPENAI_API_VERSION: string;
  RAG_RERANKING_ENGINE: string;
  RAG_RERANKING_MODEL: string;
  RAG_EXTERNAL_RERANKER_URL: string;
  RAG_EXTERNAL_RERANKER_API_KEY: string;
  CONTENT_EXTRACTION_ENGINE: string;
  PDF_EXTRACT_IMAGES: boolean;
  /** MB; null = no limit. */
  FILE_MAX_SIZE: number | null;
  FILE_MAX_COUNT: number | null;
  FILE_IMAGE_COMPRESSION_WIDTH: number | null;
  FILE_IMAGE_COMPRESSION_HEIGHT: number | null;
  /** Extensions without the dot, lower-case; empty = any. */
  ALLOWED_FILE_EXTENSIONS: string[];
  ENABLE_GOOGLE_DRIVE_INTEGRATION: boolean;
  ENABLE_ONEDRIVE_INTEGRATION: boolean;
}

/**
 * The web search settings with Open WebUI's key names (the JSON keys of its `web` form, and its env
 * variables). Settings for engines this server does not run are kept and shown all the same.
 */
export interface WebSearchSettings {
  ENABLE_WEB_SEARCH: boolean;
  WEB_SEARCH_ENGINE: string;
  WEB_SEARCH_TRUST_ENV: boolean;
  WEB_SEARCH_RESULT_COUNT: number;
  /** Queries searched at once (0: all of a request's queries). */
  WEB_SEARCH_CONCURRENT_REQUESTS: number;
  /** Result pages loaded at once. */
  WEB_LOADER_CONCURRENT_REQUESTS: number;
  /** Domains results must end with; `!domain` excludes one. */
  WEB_SEARCH_DOMAIN_FILTER_LIST: string[];
  BYPASS_WEB_SEARCH_EMBEDDING_AND_RETRIEVAL: boolean;
  BYPASS_WEB_SEARCH_WEB_LOADER: boolean;
  OLLAMA_CLOUD_WEB_SEARCH_API_KEY: string;
  PERPLEXITY_SEARCH_API_URL: string;
  SEARXNG_QUERY_URL: string;
  YACY_QUERY_URL: string;
  YACY_USERNAME: string;
  YACY_PASSWORD: string;
  GOOGLE_PSE_API_KEY: string;
  GOOGLE_PSE_ENGINE_ID: string;
  BRAVE_SEARCH_API_KEY: string;
  KAGI_SEARCH_API_KEY: string;
  MOJEEK_SEARCH_API_KEY: string;
  BOCHA_SEARCH_API_KEY: string;
  SERPSTACK_API_KEY: string;
  SERPSTACK_HTTPS: boolean;
  SERPER_API_KEY: string;
  SERPLY_API_KEY: string;
  TAVILY_API_KEY: string;
  SEARCHAPI_API_KEY: string;
  SEARCHAPI_ENGINE: string;
  SERPAPI_API_KEY: string;
  SERPAPI_ENGINE: string;
  JINA_API_KEY: string;
  BING_SEARCH_V7_ENDPOINT: string;
  BING_SEARCH_V7_SUBSCRIPTION_KEY: string;
  EXA_API_KEY: string;
  PERPLEXITY_API_KEY: string;
  PERPLEXITY_MODEL: string;
  PERPLEXITY_SEARCH_CONTEXT_USAGE: string;
  SOUGOU_API_SID: string;
  SOUGOU_API_SK: string;
  WEB_LOADER_ENGINE: string;
  ENABLE_WEB_LOADER_SSL_VERIFICATION: boolean;
  PLAYWRIGHT_WS_URL: string;
  PLAYWRIGHT_TIMEOUT: number;
  FIRECRAWL_API_KEY: string;
  FIRECRAWL_API_BASE_URL: string;
  TAVILY_EXTRACT_DEPTH: string;
  EXTERNAL_WEB_SEARCH_URL: string;
  EXTERNAL_WEB_SEARCH_API_KEY: string;
  EXTERNAL_WEB_LOADER_URL: string;
  EXTERNAL_WEB_LOADER_API_KEY: string;
  YOUTUBE_LOADER_LANGUAGE: string[];
  YOUTUBE_LOADER_PROXY_URL: string;
  YOUTUBE_LOADER_TRANSLATION: string;
}

/** Where uploaded files' bytes live: STORAGE_PROVIDER and Open WebUI's S3_* variables. */
export interface StorageConfig {
  provider: 'local' | 's3';
  /** `DATA_DIR/uploads` (local provider, and temporary copies for parsers). */
  uploadDir: string;
  s3: {
    bucket: string;
    region?: string;
    endpointUrl?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    keyPrefix: string;
    addressingStyle: 'auto' | 'path' | 'virtual';
    useAccelerateEndpoint: boolean;
  };
}

/**
 * Where chunk vectors are searched (env only). They always live in the main database; VECTOR_DB picks
 * how they are ranked: unset, pgvector when `CREATE EXTENSION vector` succeeds on PostgreSQL and the
 * in-process scan otherwise; `pgvector` requires it (start fails without it); `chroma` (Open WebUI's
 * embedded default) always scans in-process, even where pgvector is available.
 */
export interface VectorsConfig {
  db: (typeof VECTOR_DBS)[number];
  /** VECTOR_CACHE_MB: memory the in-process scan may keep vectors in (least recently used go first). */
  cacheBytes: number;
  /**
   * VECTOR_EXACT_SCAN_MAX: pgvector ranks up to this many candidate vectors exactly, more through the
   * HNSW index (exact is as fast at that size, and cannot miss chunks of a small collection).
   */
  exactScanMax: number;
  /**
   * VECTOR_HNSW_EF_SEARCH: candidates pgvector's HNSW search keeps (hnsw.ef_search, 10–1000). More is
   * better recall for slower queries; 200 keeps recall@10 above 0.95 on 384-dimension vectors.
   */
  hnswEfSearch: number;
}
export const VECTOR_DBS = ['', 'pgvector', 'chroma'] as const;

/** Limits on reading uploaded documents, so a hostile file fails alone (env only). */
export interface ExtractionLimits {
  /** EXTRACTION_MAX_BYTES: largest file the parsers open. */
  maxBytes: number;
  /** EXTRACTION_MAX_PAGES: PDF pages read at most. */
  maxPages: number;
  /** EXTRACTION_TIMEOUT_SECONDS: wall time for one file. */
  timeoutMs: number;
  /** EXTRACTION_MAX_UNZIPPED_BYTES: total a docx/xlsx/pptx/epub may expand to. */
  maxUnzippedBytes: number;
  /** EXTRACTION_MAX_TEXT_CHARS: extracted text kept at most. */
  maxTextChars: number;
}

export interface Banner {
  id: string;
  type: string;
  title?: string;
  content: string;
  dismissible: boolean;
  timestamp: number;
}

/** `/api/v1/tasks/config`, with Open WebUI's key names (empty templates mean the built-in default). */
export interface TaskSettings {
  TASK_MODEL: string;
  TASK_MODEL_EXTERNAL: string;
  TITLE_GENERATION_PROMPT_TEMPLATE: string;
  IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE: string;
  ENABLE_AUTOCOMPLETE_GENERATION: boolean;
  AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: number;
  TAGS_GENERATION_PROMPT_TEMPLATE: string;
  FOLLOW_UP_GENERATION_PROMPT_TEMPLATE: string;
  ENABLE_FOLLOW_UP_GENERATION: boolean;
  ENABLE_TAGS_GENERATION: boolean;
  ENABLE_TITLE_GENERATION: boolean;
  ENABLE_SEARCH_QUERY_GENERATION: boolean;
  ENABLE_RETRIEVAL_QUERY_GENERATION: boolean;
  QUERY_GENERATION_PROMPT_TEMPLATE: string;
  TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE: string;
  VOICE_MODE_PROMPT_TEMPLATE: string;
}

/** Per-connection options (Open WebUI's OPENAI_API_CONFIGS / OLLAMA_API_CONFIGS entries, keyed by index). */
export interface ConnectionOptions {
  enable?: boolean;
  prefix_id?: string;
  tags?: { name: string }[];
  model_ids?: string[];
  connection_type?: string;
  key?: string;
  [key: string]: unknown;
}

export interface OpenAiConnectionsSetting {
  enable: boolean;
  baseUrls: string[];
  keys: string[];
  configs: Record<string, ConnectionOptions>;
}

export interface OllamaConnectionsSetting {
  enable: boolean;
  baseUrls: string[];
  configs: Record<string, ConnectionOptions>;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** WEBUI_SECRET_KEY; when unset it is generated and kept in DATA_DIR (see secret-key.ts). */
  secretKey: string;
  webuiName: string;
  version: string;
  deploymentId: string;
  corsAllowOrigins: string[];
  bodyLimit: string;
  /** FRONTEND_BUILD_DIR: a built Open WebUI web app to serve from `/` (checked to hold index.html). */
  frontendBuildDir?: string;
  /** Express 'trust proxy' from FORWARDED_ALLOW_IPS (uvicorn's name): client IPs for rate limits. */
  trustProxy: boolean | string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  shutdownTimeoutMs: number;
  /** ENABLE_PERSISTENT_CONFIG: when false, values saved in the config table are ignored. */
  persistentConfig: boolean;
  database: DatabaseConfig;
  redis: {
    url?: string;
    keyPrefix: string;
    /** REDIS_HEALTH_CHECK_INTERVAL (s in the env, ms here; 0 = off): ping idle connections, reconnect silent ones. */
    healthCheckIntervalMs: number;
  };
  realtime: RealtimeConfig;
  jobs: JobsConfig;
  tasks: {
    /**
     * TASKS_ENTRY_TTL_SECONDS: with Redis, how long a running task stays listed after its instance
     * stops refreshing it (dies); refreshed every third of it.
     */
    entryTtlSeconds: number;
  };
  headers: SecurityHeadersConfig;
  auth: {
    webuiAuth: boolean;
    enablePasswordAuth: boolean;
    enableInitialAdminSignup: boolean;
    enableSignupPasswordConfirmation: boolean;
    passwordValidation: boolean;
    passwordRegex: string;
    trustedEmailHeader?: string;
    trustedNameHeader?: string;
    signoutRedirectUrl?: string;
    cookieSameSite: 'lax' | 'strict' | 'none';
    cookieSecure: boolean;
    bcryptRounds: number;
    /**
     * BCRYPT_CONCURRENCY: password hashes and checks that may run at once, in arrival order. Default
     * UV_THREADPOOL_SIZE - 1 (min 1), so one libuv thread stays free for file system, DNS and zlib work.
     */
    bcryptConcurrency: number;
    /** BCRYPT_QUEUE_LIMIT: hashes and checks that may wait for a slot; beyond it, 503 with Retry-After. */
    bcryptQueueLimit: number;
    signinRateLimit: { perEmail: number; perIp: number; windowSeconds: number };
  };
  /** Single sign-on through OpenID Connect and OAuth 2.0 providers (`/oauth/{provider}/…`). */
  oauth: OAuthConfig;
  models: {
    /** AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST: how long one connection may take to list its models (s). */
    listTimeoutSeconds: number;
    /** AIOHTTP_CLIENT_TIMEOUT: how long a completion may take before the provider responds (s). */
    requestTimeoutSeconds: number;
    /** MODELS_CACHE_TTL (s): how long the merged base-model list is reused. */
    cacheTtlSeconds: number;
    bypassModelAccessControl: boolean;
  };
  features: {
    enableWebsocket: boolean;
    enableVersionUpdateCheck: boolean;
    enableAutocompleteGeneration: boolean;
    enableAdminExport: boolean;
    enableAdminChatAccess: boolean;
    bypassAdminAccessControl: boolean;
  };
  storage: StorageConfig;
  extraction: ExtractionLimits;
  vectors: VectorsConfig;
  /** ENABLE_RAG_LOCAL_WEB_FETCH: lets URL ingestion reach private and loopback addresses. */
  ragLocalWebFetch: boolean;
  /**
   * RAG_WEB_FETCH_ALLOWED_ADDRESSES: single internal addresses URL ingestion may reach (an intranet
   * site), without opening every private address as ENABLE_RAG_LOCAL_WEB_FETCH does.
   */
  ragWebFetchAllowedAddresses: string[];
  /** WEB_SEARCH_ENGINE_TIMEOUT (s in the env): how long one request to a search engine may take. */
  webSearchTimeoutMs: number;
  settings: RuntimeSettingsSeed;
}

export interface RealtimeConfig {
  /**
   * 'redis' when WEBSOCKET_MANAGER=redis, or when it is unset and a Redis URL is configured (so
   * REDIS_URL alone makes instances share rooms); 'local' otherwise.
   */
  manager: 'local' | 'redis';
  /** WEBSOCKET_REDIS_URL, falling back to REDIS_URL. */
  redisUrl?: string;
  /** WEBSOCKET_SERVER_PING_INTERVAL / _TIMEOUT (s in the env, ms here). */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /**
   * WEBSOCKET_PRESENCE_TTL (s): a socket's presence entry lives this long unless its instance
   * refreshes it (every third of it), so a dead instance's users stop counting as active.
   */
  presenceTtlMs: number;
}

export interface JobsConfig {
  /** JOBS_CONCURRENCY: jobs one instance runs at once. */
  concurrency: number;
  /** JOBS_KEEP_FAILED: failed jobs kept for admins to inspect (BullMQ). */
  keepFailed: number;
}
