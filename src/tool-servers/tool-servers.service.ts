import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import type { ToolServerConnection } from '../config/env-interface.js';
import { badRequest } from '../common/errors.js';
import { configuredAddressRule, fetchPublicUrl } from '../common/outbound/fetch-public-url.js';
import { OutboundRequestError } from '../common/outbound/outbound-error.js';
import { SettingsService } from '../settings/settings.service.js';
import type { ToolServerConnectionDto, ToolServersConfigDto } from './dto/tool-servers.dto.js';

const SPEC_TIMEOUT_MS = 10_000;
const MAX_SPEC_BYTES = 5 * 1024 * 1024;
/** Headers the admin's form may not set: the request's own framing and encoding. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding']);

const failed = (why: string) => badRequest(`Failed to connect to the tool server: ${why}`);

/**
 * Admin → Settings → External Tools: the OpenAPI tool servers (TOOL_SERVER_CONNECTIONS) and the
 * "verify" button, which reads a server's spec under the outbound rules for user-given URLs.
 * The connections are stored and shown; chats do not call tool servers yet.
 */
@Injectable()
export class ToolServersService {
  constructor(
    private readonly settings: SettingsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  connections(): ToolServersConfigDto {
    return { TOOL_SERVER_CONNECTIONS: this.settings.get().toolServerConnections as ToolServerConnectionDto[] };
  }

  async setConnections(form: ToolServersConfigDto): Promise<ToolServersConfigDto> {
    const connections: ToolServerConnection[] = form.TOOL_SERVER_CONNECTIONS.map((connection) => ({
      ...connection,
      type: connection.type ?? 'openapi',
    }));
    await this.settings.update({ toolServerConnections: connections });
    return this.connections();
  }

  /** The server's OpenAPI document, as upstream answers the verify button; a clear 400 otherwise. */
  async verify(connection: ToolServerConnectionDto): Promise<Record<string, unknown>> {
    if (connection.type === 'mcp') {
      throw badRequest('MCP tool servers cannot be verified: this server has no MCP client yet.');
    }
    if (connection.spec_type === 'json') return this.parseSpec(connection.spec ?? '');
    const url = specUrl(connection.url, connection.path);
    try {
      const answer = await fetchPublicUrl(url, {
        maxBytes: MAX_SPEC_BYTES,
        timeoutMs: SPEC_TIMEOUT_MS,
        accept: 'application/json',
        headers: this.headersFor(connection),
        ...configuredAddressRule(this.config),
      });
      if (answer.status !== 200) throw failed(`${url} answered ${answer.status}.`);
      return this.parseSpec(answer.body.toString('utf8'));
    } catch (error) {
      if (!(error instanceof OutboundRequestError)) throw error;
      const hint =
        error.reason === 'forbidden_address' ? ' Allow it with RAG_WEB_FETCH_ALLOWED_ADDRESSES to verify it.' : '';
      throw failed(`${error.detail}${hint}`);
    }
  }

  /**
   * The credential the form names: its bearer key, or none. A "session" server would receive the
   * caller's own sign-in token upstream; this server never hands that to another host.
   */
  private headersFor(connection: ToolServerConnectionDto): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(connection.headers ?? {})) {
      if (typeof value !== 'string') throw badRequest(`Header ${name} must be text.`);
      if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
    if (connection.auth_type === 'bearer' && connection.key) headers.authorization = `Bearer ${connection.key}`;
    return headers;
  }

  private parseSpec(text: string): Record<string, unknown> {
    let spec: unknown;
    try {
      spec = JSON.parse(text);
    } catch {
      throw failed('the spec is not JSON (YAML specs are not read by this server).');
    }
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      throw failed('the spec is not a JSON object (an OpenAPI document).');
    }
    return spec as Record<string, unknown>;
  }
}

/** Upstream's get_tool_server_url: a path with a scheme is the whole URL, otherwise it follows the base. */
export function specUrl(base: string, path: string): string {
  if (path.includes('://')) return path;
  return `${base.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}
