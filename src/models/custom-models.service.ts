import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { hasAccess } from '../common/access-control.js';
import { badRequest, MESSAGES, unauthorized } from '../common/errors.js';
import { nowSeconds } from '../common/time.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { GroupsService } from '../groups/groups.service.js';
import { UsersService } from '../users/users.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import type { CallerUser } from '../access/auth-context.js';
import type { ModelFormDto, ModelListQueryDto } from './dto/models.dto.js';
import type { AccessControl } from '../common/access-control.js';
import { ModelEntity } from './model.entity.js';
import { ModelsRepository } from './models.repository.js';

const PAGE_SIZE = 30;
const MODEL_ID_TAKEN = 'Uh-oh! This model id is already registered. Please choose another model id string.';

/** `/api/v1/models`: the rows behind presets and admin overrides, with their access rules. */
@Injectable()
export class CustomModelsService {
  constructor(
    private readonly rows: ModelsRepository,
    private readonly groups: GroupsService,
    private readonly permissions: PermissionsService,
    private readonly users: UsersService,
  ) {}

  /** Presets, 30 a page with their owners (the workspace's "By …"); non-admins see their own. */
  async list(user: CallerUser, query: ModelListQueryDto) {
    const { items, total } = await this.presets(user, query);
    return { items: await this.users.withOwners(items), total };
  }

  private presets(user: CallerUser, query: ModelListQueryDto) {
    const page = Math.max(1, query.page ?? 1);
    return this.rows.listPresets({
      userId: user.role === 'admin' ? undefined : user.id,
      query: query.query,
      orderBy: query.order_by,
      direction: query.direction,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
  }

  overrides() {
    return this.rows.overrides();
  }

  async tags(user: CallerUser) {
    const { items } = await this.presets(user, { page: 1 });
    const names = new Set<string>();
    for (const row of items) {
      for (const tag of (row.meta.tags as unknown[]) ?? []) {
        const name = (tag as { name?: unknown })?.name;
        if (typeof name === 'string') names.add(name);
      }
    }
    return [...names].sort();
  }

  async create(user: CallerUser, input: ModelFormDto) {
    if (user.role !== 'admin' && !(await this.permissions.has(user.id, 'workspace', 'models'))) {
      throw unauthorized(MESSAGES.UNAUTHORIZED);
    }
    if (await this.rows.findById(input.id)) throw unauthorized(MODEL_ID_TAKEN);
    const now = nowSeconds();
    const row = Object.assign(new ModelEntity(), {
      id: input.id,
      user_id: user.id,
      base_model_id: input.base_model_id ?? null,
      name: input.name,
      params: input.params,
      meta: input.meta,
      access_control: await this.allowedAccess(user, input.access_control),
      is_active: input.is_active ?? true,
      created_at: now,
      updated_at: now,
    });
    await this.rows.insert(row);
    return row;
  }

  /** The row, null when the caller may not read it (as upstream), 401 when missing. */
  async get(user: CallerUser, id: string) {
    const row = await this.rows.findById(id);
    if (!row) throw unauthorized(MESSAGES.NOT_FOUND);
    return (await this.may(user, row, 'read')) ? row : null;
  }

  async update(user: CallerUser, input: ModelFormDto) {
    const row = await this.writable(user, input.id);
    const changes: Partial<ModelEntity> = {
      name: input.name,
      meta: input.meta,
      params: input.params,
      base_model_id: input.base_model_id ?? null,
      access_control: await this.allowedAccess(user, input.access_control),
      is_active: input.is_active ?? row.is_active,
      updated_at: nowSeconds(),
    };
    await this.rows.update(row.id, changes);
    return { ...row, ...changes };
  }

  async toggle(user: CallerUser, id: string) {
    const row = await this.writable(user, id);
    const changes = { is_active: !row.is_active, updated_at: nowSeconds() };
    await this.rows.update(id, changes);
    return { ...row, ...changes };
  }

  async delete(user: CallerUser, id: string) {
    await this.writable(user, id, unauthorized(MESSAGES.NOT_FOUND));
    await this.rows.delete(id);
    return true;
  }

  async deleteAll() {
    await this.rows.deleteAll();
    return true;
  }

  async export(user: CallerUser) {
    if (user.role !== 'admin' && !(await this.permissions.has(user.id, 'workspace', 'models_export'))) {
      throw unauthorized(MESSAGES.UNAUTHORIZED);
    }
    const all = await this.rows.listAll();
    return user.role === 'admin' ? all : all.filter((row) => row.user_id === user.id);
  }

  async profileImage(user: CallerUser, id: string): Promise<string | null> {
    const row = await this.rows.findById(id);
    if (!row || !(await this.may(user, row, 'read'))) return null;
    const url: unknown = row.meta.profile_image_url;
    return typeof url === 'string' ? url : null;
  }

  /** A deleted knowledge base leaves every model's `meta.knowledge`, as upstream strips it. */
  @OnEvent(DomainEvent.KnowledgeDeleted, { async: true, promisify: true, suppressErrors: false })
  async onKnowledgeDeleted({ knowledgeId }: DomainEventPayloads[typeof DomainEvent.KnowledgeDeleted]): Promise<void> {
    for (const row of await this.rows.listAll()) {
      const items: unknown = row.meta.knowledge;
      if (!Array.isArray(items)) continue;
      const kept = items.filter((item) => (item as { id?: unknown } | null)?.id !== knowledgeId);
      if (kept.length === items.length) continue;
      await this.rows.update(row.id, { meta: { ...row.meta, knowledge: kept }, updated_at: nowSeconds() });
    }
  }

  private async writable(user: CallerUser, id: string, denied = badRequest(MESSAGES.ACCESS_PROHIBITED)) {
    const row = await this.rows.findById(id);
    if (!row) throw unauthorized(MESSAGES.NOT_FOUND);
    if (!(await this.may(user, row, 'write'))) throw denied;
    return row;
  }

  private async may(user: CallerUser, row: ModelEntity, permission: 'read' | 'write') {
    if (user.role === 'admin' || row.user_id === user.id) return true;
    const { groupIds } = await this.groups.membership(user.id);
    return hasAccess(row.access_control, permission, { id: user.id, groupIds });
  }

  /** Public (null) access needs `sharing.public_models` for non-admins; otherwise it becomes private. */
  private async allowedAccess(user: CallerUser, access: Record<string, unknown> | null | undefined) {
    const requested = (access === undefined ? null : access) as AccessControl | null;
    if (
      requested === null &&
      user.role !== 'admin' &&
      !(await this.permissions.has(user.id, 'sharing', 'public_models'))
    ) {
      return {};
    }
    return requested;
  }
}
