import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from './config/app-config.js';
import { OPENAPI_TAGS } from './openapi-tags.js';

function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeys(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  ) as T;
}

type Operation = { operationId?: string; summary?: string; security?: unknown[] };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** `listChats` -> `List chats`: the summary of an operation that has no @ApiOperation of its own. */
function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const pascal = (segment: string) => segment.charAt(0).toUpperCase() + segment.slice(1).replace(/[^\w]/g, '');

/**
 * Normalizes what the decorators leave implicit, for SDK generators and linters:
 * - a handler mounted on several paths gets `name[i]` from Nest; the first path keeps `name`, the
 *   others get the segments that set them apart (`/api/v1/models` -> `listModelsV1`);
 * - operations without a summary get one from their name;
 * - the global AccessGuard denies any route without an access rule, so an operation that has no
 *   security requirement is @Public(): it says so with `security: []`.
 */
function normalizeOperations(document: OpenAPIObject): void {
  const entries = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([, operation]) => ({ path, operation })),
  );
  const primaries = new Map<string, string>();
  for (const { path, operation } of entries) {
    const match = /^(.*)\[0\]$/.exec(operation.operationId ?? '');
    if (match) primaries.set(match[1], path);
  }
  for (const { path, operation } of entries) {
    const match = /^(.*)\[(\d+)\]$/.exec(operation.operationId ?? '');
    if (match) {
      const [, name, index] = match;
      const primary = new Set((primaries.get(name) ?? '').split('/'));
      const extra = path.split('/').filter((segment) => segment && !primary.has(segment));
      operation.operationId = index === '0' ? name : name + (extra.map(pascal).join('') || index);
    }
    operation.summary ??= humanize(match ? match[1] : (operation.operationId ?? ''));
    operation.security ??= [];
  }
}

/** The OpenAPI document: operationId = controller method name (stable SDK names); keys sorted for readable diffs. */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('webui-nest')
    .setDescription('Open WebUI-compatible AI chat backend')
    .setVersion(config.version)
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or sk- API key' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
    .addCookieAuth('token', { type: 'apiKey', in: 'cookie', name: 'token' }, 'cookie');
  for (const tag of OPENAPI_TAGS) builder.addTag(tag.name, tag.description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  normalizeOperations(document);
  return sortKeys(document);
}

/** Built on the first request for it, not at start: scanning every route costs ~200 ms of start-up. */
export function mountOpenApi(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'webui-nest API',
  });
}
