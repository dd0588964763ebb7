import { availableParallelism } from 'node:os';
import { EnvReader, type Env } from './env-parsers.js';
import {
  readBanners,
  readDatabase,
  readFrontendBuildDir,
  readLdapGroup,
  readLdapServer,
  readOllama,
  readOpenAi,
  readRealtime,
  readTasks,
  readTrustProxy,
} from './env-sections.js';
import { readExtractionLimits, readRag, readStorage, readVectors } from './env-rag.js';
import { readWebSearch } from './env-web-search.js';
import { readStt, readTts } from './env-audio.js';
import { readCodeExecution } from './env-code-execution.js';
import { readImages } from './env-images.js';
import { readOAuth } from './env-oauth.js';
import { readPromptSuggestions, readToolServerConnections } from './env-interface.js';
import { DEFAULT_PERMISSIONS, readPermissionsFromEnv } from './permission-tree.js';
import { resolveSecretKey } from './secret-key.js';
import { APP_VERSION, type AppConfig, ROLES } from './app-config.js';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const DEFAULT_PASSWORD_REGEX = '^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{8,}$';

/**
 * bcrypt runs in libuv's thread pool, which file system, DNS and zlib work share: by default it may
 * use all threads but one. libuv reads UV_THREADPOOL_SIZE itself (4 by default, at most 1024). Nor
 * more hashes at once than CPUs: beyond that they only share cores, so every one of them, the first
 * sign-in of a storm included, takes longer, and none finishes sooner.
 */
function readBcryptLimits(read: EnvReader): { bcryptConcurrency: number; bcryptQueueLimit: number } {
  const threads = read.int('UV_THREADPOOL_SIZE', 4, { min: 1, max: 1024 });
  const fallback = Math.max(1, Math.min(threads - 1, availableParallelism()));
  return {
    bcryptConcurrency: read.int('BCRYPT_CONCURRENCY', fallback, { min: 1, max: threads }),
    bcryptQueueLimit: read.int('BCRYPT_QUEUE_LIMIT', 1000, { min: 0, max: 100_000 }),
  };
}

/** Builds the typed configuration from an environment, failing with every bad variable named. */
export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const dataDir = read.string('DATA_DIR', './data');
  const webuiAuth = read.bool('WEBUI_AUTH', true);
  const webuiName = read.string('WEBUI_NAME', 'Open WebUI');
  const database = readDatabase(read, dataDir);

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
    trustProxy: readTrustProxy(read),
    logLevel: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 10_000, { min: 0 }),
    persistentConfig: read.bool('ENABLE_PERSISTENT_CONFIG', true),
    database,
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
      ...readBcryptLimits(read),
      signinRateLimit: {
        perEmail: read.int('SIGNIN_RATE_LIMIT_PER_EMAIL', 10, { min: 0 }),
        perIp: read.int('SIGNIN_RATE_LIMIT_PER_IP', 50, { min: 0 }),
        windowSeconds: read.int('SIGNIN_RATE_LIMIT_WINDOW', 300, { min: 1 }),
      },
    },
    oauth: readOAuth(read),
    models: {
      listTimeoutSeconds: read.int('AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST', 10, { min: 1, max: 600 }),
      requestTimeoutSeconds: read.int('AIOHTTP_CLIENT_TIMEOUT', 300, { min: 1, max: 86_400 }),
      cacheTtlSeconds: read.int('MODELS_CACHE_TTL', 1, { min: 0, max: 86_400 }),
      bypassModelAccessControl: read.bool('BYPASS_MODEL_ACCESS_CONTROL', false),
    },
    features: {
      enableWebsocket: read.bool('ENABLE_WEBSOCKET_SUPPORT', true),
      enableVersionUpdateCheck: read.bool('ENABLE_VERSION_UPDATE_CHECK', true) && !read.bool('OFFLINE_MODE', false),
      enableAutocompleteGeneration: read.bool('ENABLE_AUTOCOMPLETE_GENERATION', false),
      enableAdminExport: read.bool('ENABLE_ADMIN_EXPORT', true),
      enableAdminChatAccess: read.bool('ENABLE_ADMIN_CHAT_ACCESS', true),
      bypassAdminAccessControl: read.bool(
        ['BYPASS_ADMIN_ACCESS_CONTROL', 'ENABLE_ADMIN_WORKSPACE_CONTENT_ACCESS'],
        true,
      ),
    },
    storage: readStorage(read, dataDir),
    extraction: readExtractionLimits(read),
    vectors: readVectors(read, database),
    ragLocalWebFetch: read.bool('ENABLE_RAG_LOCAL_WEB_FETCH', false),
    ragWebFetchAllowedAddresses: read.list('RAG_WEB_FETCH_ALLOWED_ADDRESSES', ',') ?? [],
    webSearchTimeoutMs: read.int('WEB_SEARCH_ENGINE_TIMEOUT', 15, { min: 1, max: 600 }) * 1000,
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
      rag: readRag(read),
      ldapServer: readLdapServer(read),
      ldapGroup: readLdapGroup(read),
      web: readWebSearch(read),
      enableArenaModels: read.bool('ENABLE_EVALUATION_ARENA_MODELS', true),
      arenaModels: [],
      enableDirectConnections: read.bool('ENABLE_DIRECT_CONNECTIONS', false),
      enableBaseModelsCache: read.bool('ENABLE_BASE_MODELS_CACHE', false),
      modelOrderList: [],
      promptSuggestions: readPromptSuggestions(read),
      toolServerConnections: readToolServerConnections(read),
      codeExecution: readCodeExecution(read),
      tts: readTts(read),
      stt: readStt(read),
      images: readImages(read),
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
