import { EnvReader, type Env } from './env-parsers.js';
import {
  readBanners,
  readDatabase,
  readFrontendBuildDir,
  readOllama,
  readOpenAi,
  readRealtime,
  readTasks,
  readTrustProxy,
} from './env-sections.js';
import { resolveSecretKey } from './secret-key.js';
import { DEFAULT_PERMISSIONS, readPermissionsFromEnv, type PermissionTree } from '../permissions/permission-tree.js';

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
    signinRateLimit: { perEmail: number; perIp: number; windowSeconds: number };
  };
  models: {
    /** AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST: how long one connection may take to list its models (s). */
    listTimeoutSeconds: number;
    /** AIOHTTP_CLIENT_TIMEOUT: how long a completion may take before the upstream responds (s). */
    requestTimeoutSeconds: number;
    /** MODELS_CACHE_TTL (s): how long the merged base-model list is reused. */
    cacheTtlSeconds: number;
    enableArenaModels: boolean;
    bypassModelAccessControl: boolean;
  };
  features: {
    enableWebsocket: boolean;
    enableVersionUpdateCheck: boolean;
    enableDirectConnections: boolean;
    enableWebSearch: boolean;
    enableCodeExecution: boolean;
    enableCodeInterpreter: boolean;
    enableImageGeneration: boolean;
    enableAutocompleteGeneration: boolean;
    enableAdminExport: boolean;
    enableAdminChatAccess: boolean;
    bypassAdminAccessControl: boolean;
  };
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

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const DEFAULT_PASSWORD_REGEX = '^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{8,}$';

/** Builds the typed configuration from an environment, failing with every bad variable named. */
export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const dataDir = read.string('DATA_DIR', './data');
  const webuiAuth = read.bool('WEBUI_AUTH', true);
  const webuiName = read.string('WEBUI_NAME', 'Open WebUI');

  const config: AppConfig = {
    port: read.int('PORT', 8080, { min: 0, max: 65535 }),
    host: read.string('HOST', '0.0.0.0'),
    dataDir,
    secretKey: read.raw('WEBUI_SECRET_KEY', 'WEBUI_JWT_SECRET_KEY') ?? '',
    webuiName: webuiName === 'Open WebUI' ? webuiName : `${webuiName} (Open WebUI)`,
    version: APP_VERSION,
    deploymentId: read.string('DEPLOYMENT_ID', ''),
    corsAllowOrigins: read.list('CORS_ALLOW_ORIGIN') ?? ['*'],
    bodyLimit: read.string('BODY_SIZE_LIMIT', '25mb'),
    frontendBuildDir: readFrontendBuildDir(read),
    trustProxy: readTrustProxy(read.list('FORWARDED_ALLOW_IPS', ',')),
    logLevel: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 10_000, { min: 0 }),
    persistentConfig: read.bool('ENABLE_PERSISTENT_CONFIG', true),
    database: readDatabase(read, dataDir),
    redis: {
      url: read.optionalString('REDIS_URL'),
      keyPrefix: read.string('REDIS_KEY_PREFIX', 'open-webui'),
      healthCheckIntervalMs: read.int('REDIS_HEALTH_CHECK_INTERVAL', 10, { min: 0, max: 3600 }) * 1000,
    },
    realtime: readRealtime(read),
    jobs: {
      concurrency: read.int('JOBS_CONCURRENCY', 4, { min: 1, max: 256 }),
      keepFailed: read.int('JOBS_KEEP_FAILED', 1000, { min: 0 }),
    },
    tasks: { entryTtlSeconds: read.int('TASKS_ENTRY_TTL_SECONDS', 20, { min: 1, max: 3600 }) },
    headers: {
      hsts: read.optionalString('HSTS') ?? 'max-age=31536000;includeSubDomains',
      frameOptions: read.string('XFRAME_OPTIONS', 'SAMEORIGIN'),
      contentSecurityPolicy: read.optionalString('CONTENT_SECURITY_POLICY'),
      referrerPolicy: read.string('REFERRER_POLICY', 'strict-origin-when-cross-origin'),
      permissionsPolicy: read.optionalString('PERMISSIONS_POLICY'),
    },
    auth: {
      webuiAuth,
      enablePasswordAuth: read.bool('ENABLE_PASSWORD_AUTH', true),
      enableInitialAdminSignup: read.bool('ENABLE_INITIAL_ADMIN_SIGNUP', false),
      enableSignupPasswordConfirmation: read.bool('ENABLE_SIGNUP_PASSWORD_CONFIRMATION', false),
      passwordValidation: read.bool('ENABLE_PASSWORD_VALIDATION', false),
      passwordRegex: read.string('PASSWORD_VALIDATION_REGEX_PATTERN', DEFAULT_PASSWORD_REGEX),
      trustedEmailHeader: read.optionalString('WEBUI_AUTH_TRUSTED_EMAIL_HEADER')?.toLowerCase(),
      trustedNameHeader: read.optionalString('WEBUI_AUTH_TRUSTED_NAME_HEADER')?.toLowerCase(),
      signoutRedirectUrl: read.optionalString('WEBUI_AUTH_SIGNOUT_REDIRECT_URL'),
      cookieSameSite: read.oneOf(
        env.WEBUI_AUTH_COOKIE_SAME_SITE !== undefined
          ? 'WEBUI_AUTH_COOKIE_SAME_SITE'
          : 'WEBUI_SESSION_COOKIE_SAME_SITE',
        ['lax', 'strict', 'none'] as const,
        'lax',
      ),
      cookieSecure: read.bool(['WEBUI_AUTH_COOKIE_SECURE', 'WEBUI_SESSION_COOKIE_SECURE'], false),
      bcryptRounds: read.int('BCRYPT_ROUNDS', 12, { min: 4, max: 15 }),
      signinRateLimit: {
        perEmail: read.int('SIGNIN_RATE_LIMIT_PER_EMAIL', 10, { min: 0 }),
        perIp: read.int('SIGNIN_RATE_LIMIT_PER_IP', 50, { min: 0 }),
        windowSeconds: read.int('SIGNIN_RATE_LIMIT_WINDOW', 300, { min: 1 }),
      },
    },
    models: {
      listTimeoutSeconds: read.int('AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST', 10, { min: 1, max: 600 }),
      requestTimeoutSeconds: read.int('AIOHTTP_CLIENT_TIMEOUT', 300, { min: 1, max: 86_400 }),
      cacheTtlSeconds: read.int('MODELS_CACHE_TTL', 1, { min: 0, max: 86_400 }),
      enableArenaModels: read.bool('ENABLE_EVALUATION_ARENA_MODELS', true),
      bypassModelAccessControl: read.bool('BYPASS_MODEL_ACCESS_CONTROL', false),
    },
    features: {
      enableWebsocket: read.bool('ENABLE_WEBSOCKET_SUPPORT', true),
      enableVersionUpdateCheck: read.bool('ENABLE_VERSION_UPDATE_CHECK', true) && !read.bool('OFFLINE_MODE', false),
      enableDirectConnections: read.bool('ENABLE_DIRECT_CONNECTIONS', false),
      enableWebSearch: read.bool('ENABLE_WEB_SEARCH', false),
      enableCodeExecution: read.bool('ENABLE_CODE_EXECUTION', true),
      enableCodeInterpreter: read.bool('ENABLE_CODE_INTERPRETER', true),
      enableImageGeneration: read.bool('ENABLE_IMAGE_GENERATION', false),
      enableAutocompleteGeneration: read.bool('ENABLE_AUTOCOMPLETE_GENERATION', false),
      enableAdminExport: read.bool('ENABLE_ADMIN_EXPORT', true),
      enableAdminChatAccess: read.bool('ENABLE_ADMIN_CHAT_ACCESS', true),
      bypassAdminAccessControl: read.bool(
        ['BYPASS_ADMIN_ACCESS_CONTROL', 'ENABLE_ADMIN_WORKSPACE_CONTENT_ACCESS'],
        true,
      ),
    },
    settings: {
      enableSignup: webuiAuth ? read.bool('ENABLE_SIGNUP', true) : false,
      enableLoginForm: read.bool('ENABLE_LOGIN_FORM', true),
      defaultUserRole: read.oneOf('DEFAULT_USER_ROLE', ROLES, 'pending'),
      defaultGroupId: read.string('DEFAULT_GROUP_ID', ''),
      jwtExpiresIn: read.duration('JWT_EXPIRES_IN', '4w'),
      enableApiKeys: read.bool('ENABLE_API_KEYS', false),
      apiKeyEndpointRestrictions: read.bool(
        ['ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS', 'ENABLE_API_KEY_ENDPOINT_RESTRICTIONS'],
        false,
      ),
      apiKeysAllowedEndpoints: read.string(['API_KEYS_ALLOWED_ENDPOINTS', 'API_KEY_ALLOWED_ENDPOINTS'], ''),
      showAdminDetails: read.bool('SHOW_ADMIN_DETAILS', true),
      adminEmail: read.optionalString('ADMIN_EMAIL')?.toLowerCase(),
      webuiUrl: read.string('WEBUI_URL', ''),
      enableCommunitySharing: read.bool('ENABLE_COMMUNITY_SHARING', true),
      enableMessageRating: read.bool('ENABLE_MESSAGE_RATING', true),
      enableChannels: read.bool('ENABLE_CHANNELS', false),
      enableNotes: read.bool('ENABLE_NOTES', true),
      enableUserWebhooks: read.bool('ENABLE_USER_WEBHOOKS', true),
      pendingUserOverlayTitle: read.string('PENDING_USER_OVERLAY_TITLE', ''),
      pendingUserOverlayContent: read.string('PENDING_USER_OVERLAY_CONTENT', ''),
      responseWatermark: read.string('RESPONSE_WATERMARK', ''),
      enableLdap: read.bool('ENABLE_LDAP', false),
      defaultLocale: read.string('DEFAULT_LOCALE', ''),
      defaultModels: read.optionalString('DEFAULT_MODELS') ?? null,
      defaultPinnedModels: read.optionalString('DEFAULT_PINNED_MODELS') ?? null,
      webhookUrl: read.string('WEBHOOK_URL', ''),
      permissions: readPermissionsFromEnv(read, DEFAULT_PERMISSIONS),
      primaryAdminId: null,
      openai: readOpenAi(read),
      ollama: readOllama(read),
      tasks: readTasks(read),
      banners: readBanners(read),
    },
  };

  const secretSet = read.raw('WEBUI_SECRET_KEY', 'WEBUI_JWT_SECRET_KEY') !== undefined;
  if (secretSet && config.secretKey === '' && webuiAuth) read.errors.push('WEBUI_SECRET_KEY must not be empty');
  try {
    new RegExp(config.auth.passwordRegex);
  } catch {
    read.errors.push('PASSWORD_VALIDATION_REGEX_PATTERN is not a valid regular expression');
  }
  if (read.errors.length > 0) throw new ConfigValidationError(read.errors);
  config.secretKey = resolveSecretKey(config.secretKey, dataDir);
  return config;
}
