// Readers for the sections of the configuration that take more than one line of env parsing.
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type {
  LdapGroupSettings,
  LdapServerSettings,
  Banner,
  DatabaseConfig,
  OllamaConnectionsSetting,
  OpenAiConnectionsSetting,
  RealtimeConfig,
  TaskSettings,
} from './app-config.js';
import type { EnvReader } from './env-parsers.js';

export function readDatabase(read: EnvReader, dataDir: string): DatabaseConfig {
  const common = {
    sqlitePath: `${dataDir}/webui.db`,
    schema: read.optionalString('DATABASE_SCHEMA'),
    poolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 1000 }),
    poolTimeoutSeconds: read.int('DATABASE_POOL_TIMEOUT', 30, { min: 1 }),
    poolRecycleSeconds: read.int('DATABASE_POOL_RECYCLE', 3600, { min: 1 }),
  };
  let url = read.optionalString('DATABASE_URL');
  const parts = [
    'DATABASE_TYPE',
    'DATABASE_USER',
    'DATABASE_PASSWORD',
    'DATABASE_HOST',
    'DATABASE_PORT',
    'DATABASE_NAME',
  ];
  if (!url && parts.every((name) => read.optionalString(name))) {
    const [type, user, password, host, port, name] = parts.map((p) => read.string(p, ''));
    url = `${type}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${name}`;
  }
  if (!url) return { type: 'sqlite', ...common };
  if (/^postgres(ql)?:\/\//.test(url))
    return { type: 'postgres', url: url.replace(/^postgres:/, 'postgresql:'), ...common };
  const sqliteMatch = /^sqlite:\/\/\/?(.+)$/.exec(url);
  if (sqliteMatch) return { type: 'sqlite', ...common, sqlitePath: sqliteMatch[1] };
  read.errors.push('DATABASE_URL must start with postgresql:// or sqlite:/// (got another scheme)');
  return { type: 'sqlite', ...common };
}

/**
 * FORWARDED_ALLOW_IPS (uvicorn's name and default): the proxies whose X-Forwarded-For is believed.
 * Addresses, CIDR ranges, or Express's names for ranges; "*" trusts every peer, which is only safe
 * when nothing but the proxy can reach the server and it overwrites the header.
 */
export function readTrustProxy(read: EnvReader): boolean | string[] {
  const entries = read.list('FORWARDED_ALLOW_IPS', ',');
  if (!entries || entries.length === 0) return ['loopback'];
  if (entries.includes('*')) return true;
  const invalid = entries.filter((entry) => !isProxyEntry(entry));
  if (invalid.length > 0) {
    read.errors.push(
      `FORWARDED_ALLOW_IPS entries must be IP addresses, CIDR ranges, loopback, linklocal or uniquelocal (got "${invalid.join('", "')}")`,
    );
  }
  return entries;
}

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function readOpenAi(read: EnvReader): OpenAiConnectionsSetting {
  const baseUrls = (
    read.list('OPENAI_API_BASE_URLS') ?? [read.string('OPENAI_API_BASE_URL', 'https://api.openai.com/v1')]
  )
    .filter(Boolean)
    .map(trimSlash);
  const keys = read.list('OPENAI_API_KEYS') ?? [read.string('OPENAI_API_KEY', '')];
  // Keys are padded or cut to the number of URLs, as upstream does.
  const padded = baseUrls.map((_, index) => keys[index] ?? '');
  return { enable: read.bool('ENABLE_OPENAI_API', true), baseUrls, keys: padded, configs: {} };
}

export function readOllama(read: EnvReader): OllamaConnectionsSetting {
  const baseUrls = (read.list('OLLAMA_BASE_URLS') ?? [read.string('OLLAMA_BASE_URL', 'http://localhost:11434')])
    .filter(Boolean)
    .map(trimSlash);
  return { enable: read.bool('ENABLE_OLLAMA_API', true), baseUrls, configs: {} };
}

export function readTasks(read: EnvReader): TaskSettings {
  const text = (name: string) => read.string(name, '');
  return {
    TASK_MODEL: text('TASK_MODEL'),
    TASK_MODEL_EXTERNAL: text('TASK_MODEL_EXTERNAL'),
    TITLE_GENERATION_PROMPT_TEMPLATE: text('TITLE_GENERATION_PROMPT_TEMPLATE'),
    IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE: text('IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE'),
    ENABLE_AUTOCOMPLETE_GENERATION: read.bool('ENABLE_AUTOCOMPLETE_GENERATION', false),
    AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH: read.int('AUTOCOMPLETE_GENERATION_INPUT_MAX_LENGTH', -1, { min: -1 }),
    TAGS_GENERATION_PROMPT_TEMPLATE: text('TAGS_GENERATION_PROMPT_TEMPLATE'),
    FOLLOW_UP_GENERATION_PROMPT_TEMPLATE: text('FOLLOW_UP_GENERATION_PROMPT_TEMPLATE'),
    ENABLE_FOLLOW_UP_GENERATION: read.bool('ENABLE_FOLLOW_UP_GENERATION', true),
    ENABLE_TAGS_GENERATION: read.bool('ENABLE_TAGS_GENERATION', true),
    ENABLE_TITLE_GENERATION: read.bool('ENABLE_TITLE_GENERATION', true),
    ENABLE_SEARCH_QUERY_GENERATION: read.bool('ENABLE_SEARCH_QUERY_GENERATION', true),
    ENABLE_RETRIEVAL_QUERY_GENERATION: read.bool('ENABLE_RETRIEVAL_QUERY_GENERATION', true),
    QUERY_GENERATION_PROMPT_TEMPLATE: text('QUERY_GENERATION_PROMPT_TEMPLATE'),
    TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE: text('TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE'),
    VOICE_MODE_PROMPT_TEMPLATE: text('VOICE_MODE_PROMPT_TEMPLATE'),
  };
}

export function readRealtime(read: EnvReader): RealtimeConfig {
  const redisUrl = read.optionalString('WEBSOCKET_REDIS_URL') ?? read.optionalString('REDIS_URL');
  const manager = read.oneOf('WEBSOCKET_MANAGER', ['', 'local', 'redis'] as const, '');
  if (manager === 'redis' && !redisUrl)
    read.errors.push('WEBSOCKET_MANAGER=redis needs WEBSOCKET_REDIS_URL or REDIS_URL');
  return {
    manager: manager === 'local' || !redisUrl ? 'local' : 'redis',
    redisUrl,
    pingIntervalMs: read.int('WEBSOCKET_SERVER_PING_INTERVAL', 25, { min: 1, max: 3600 }) * 1000,
    pingTimeoutMs: read.int('WEBSOCKET_SERVER_PING_TIMEOUT', 20, { min: 1, max: 3600 }) * 1000,
    presenceTtlMs: read.int('WEBSOCKET_PRESENCE_TTL', 30, { min: 1, max: 3600 }) * 1000,
  };
}

export function readFrontendBuildDir(read: EnvReader): string | undefined {
  const dir = read.optionalString('FRONTEND_BUILD_DIR');
  if (dir === undefined) return undefined;
  const absolute = resolve(dir);
  if (!existsSync(join(absolute, 'index.html'))) read.errors.push(`FRONTEND_BUILD_DIR has no index.html: ${absolute}`);
  return absolute;
}

export function readBanners(read: EnvReader): Banner[] {
  const raw = read.optionalString('WEBUI_BANNERS');
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed as Banner[];
  } catch {
    // reported below
  }
  read.errors.push('WEBUI_BANNERS must be a JSON list of banners');
  return [];
}

export function readLdapServer(read: EnvReader): LdapServerSettings {
  return {
    label: read.string('LDAP_SERVER_LABEL', ''),
    host: read.string('LDAP_SERVER_HOST', 'localhost'),
    port: read.int('LDAP_SERVER_PORT', 389, { min: 1, max: 65_535 }),
    attribute_for_mail: read.string('LDAP_ATTRIBUTE_FOR_MAIL', 'mail'),
    attribute_for_username: read.string('LDAP_ATTRIBUTE_FOR_USERNAME', 'uid'),
    app_dn: read.string('LDAP_APP_DN', ''),
    app_password: read.string('LDAP_APP_PASSWORD', ''),
    users_dn: read.string('LDAP_SEARCH_BASE', ''),
    search_filter: read.string(['LDAP_SEARCH_FILTER', 'LDAP_SEARCH_FILTERS'], ''),
    use_tls: read.bool('LDAP_USE_TLS', true),
    ca_cert_file: read.string('LDAP_CA_CERT_FILE', ''),
    validate_cert: read.bool('LDAP_VALIDATE_CERT', true),
    ciphers: read.string('LDAP_CIPHERS', 'ALL'),
    attribute_for_groups: read.string('LDAP_ATTRIBUTE_FOR_GROUPS', 'memberOf'),
  };
}

export function readLdapGroup(read: EnvReader): LdapGroupSettings {
  return {
    enable_management: read.bool('ENABLE_LDAP_GROUP_MANAGEMENT', false),
    enable_creation: read.bool('ENABLE_LDAP_GROUP_CREATION', false),
  };
}
