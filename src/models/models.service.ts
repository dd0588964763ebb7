import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { hasAccess } from '../common/access-control.js';
import { GroupsService } from '../groups/groups.service.js';
import { type BaseModel, BaseModelsService } from '../providers/base-models.service.js';
import type { ModelItem } from '../providers/model-item.js';
import { SettingsService } from '../settings/settings.service.js';
import type { CallerUser } from '../access/auth-context.js';
import type { AccessControl } from '../common/access-control.js';
import { arenaCandidates, arenaModelItems } from './arena-models.js';
import { ModelEntity } from './model.entity.js';
import { ModelsRepository } from './models.repository.js';

/** A model the caller may use, with what a completion needs to reach it. */
export interface ResolvedModel {
  item: ModelItem;
  base: BaseModel;
  /** The preset or override row, whose params and system prompt apply. */
  row?: ModelEntity;
}

/** `GET /api/models`: provider models, overrides, presets, the arena model, filtered by access. */
@Injectable()
export class ModelsService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly rows: ModelsRepository,
    private readonly baseModels: BaseModelsService,
    private readonly groups: GroupsService,
    private readonly settings: SettingsService,
  ) {}

  async list(user: CallerUser, refresh = false): Promise<ModelItem[]> {
    const items = (await this.resolveAll(user, refresh)).map((model) => model.item);
    return inAdminOrder(items, this.settings.get().modelOrderList);
  }

  /** The model with this id if the caller may use it. */
  async resolve(user: CallerUser, id: string): Promise<ResolvedModel | undefined> {
    return (await this.resolveAll(user)).find((model) => model.item.id === id);
  }

  /** An arena model answers through a random model the caller may use, among those it names (arena-models.ts). */
  async pickArenaModel(user: CallerUser, arena: ResolvedModel): Promise<ResolvedModel | undefined> {
    const candidates = arenaCandidates(arena.item, await this.resolveAll(user));
    return candidates.length ? candidates[randomInt(candidates.length)] : undefined;
  }

  async baseItems(): Promise<ModelItem[]> {
    return (await this.baseModels.list()).map((model) => model.item);
  }

  private async resolveAll(user: CallerUser, refresh = false): Promise<ResolvedModel[]> {
    const base = await this.baseModels.list(refresh);
    if (base.length === 0) return [];
    const rows = await this.rows.listAllCached();
    const overrides = new Map(rows.filter((row) => row.base_model_id === null).map((row) => [row.id, row]));
    const resolved: ResolvedModel[] = [];
    for (const model of base) {
      const row = overrides.get(model.item.id);
      if (row && !row.is_active) continue;
      const item: ModelItem = row ? { ...model.item, name: row.name, info: infoOf(row) } : { ...model.item };
      resolved.push({ item: withTags(item), base: model, row });
    }
    const byId = new Map(resolved.map((model) => [model.item.id, model]));
    for (const row of rows.filter((r) => r.base_model_id !== null && r.is_active)) {
      const target = byId.get(row.base_model_id!);
      if (!target) continue;
      const item: ModelItem = {
        id: row.id,
        name: row.name,
        object: 'model',
        created: row.created_at,
        owned_by: target.item.owned_by ?? 'openai',
        connection_type: target.item.connection_type,
        preset: true,
        info: infoOf(row),
        tags: [],
        actions: [],
        filters: [],
      };
      resolved.push({ item: withTags(item), base: target.base, row });
    }
    const { enableArenaModels, arenaModels } = this.settings.get();
    if (enableArenaModels) resolved.push(...arenaModelItems(arenaModels).map((item) => ({ item, base: base[0] })));
    return this.visibleTo(user, resolved, rows);
  }

  /** Users see only models with a row granting them read (a provider model with no row is admin-only). */
  private async visibleTo(user: CallerUser, models: ResolvedModel[], rows: ModelEntity[]): Promise<ResolvedModel[]> {
    const bypass =
      this.config.models.bypassModelAccessControl ||
      (user.role === 'admin' && this.config.features.bypassAdminAccessControl);
    if (bypass) return models;
    const { groupIds } = await this.groups.membership(user.id);
    const rowById = new Map(rows.map((row) => [row.id, row]));
    const who = { id: user.id, groupIds };
    return models.filter((model) => {
      if (model.item.arena) {
        const meta = (model.item.info?.meta ?? {}) as { access_control?: AccessControl | null };
        return hasAccess(meta.access_control === undefined ? {} : meta.access_control, 'read', who);
      }
      const row = rowById.get(model.item.id);
      return row !== undefined && (row.user_id === user.id || hasAccess(row.access_control, 'read', who));
    });
  }
}

/** `info` is the row without its params; the profile image is served separately. */
function infoOf(row: ModelEntity): Record<string, unknown> {
  const { params: _params, ...rest } = row;
  const meta = { ...row.meta };
  delete meta.profile_image_url;
  return { ...rest, meta };
}

/** Tags as `[{name}]`, from the row's meta and the connection's tags. */
function withTags(item: ModelItem): ModelItem {
  const metaTags = ((item.info?.meta as { tags?: unknown } | undefined)?.tags ?? []) as unknown[];
  const names = new Set<string>();
  for (const tag of [...item.tags, ...metaTags]) {
    const name = typeof tag === 'string' ? tag : (tag as { name?: unknown })?.name;
    if (typeof name === 'string' && name) names.add(name);
  }
  return { ...item, tags: [...names].map((name) => ({ name })) };
}

/**
 * The order set in Admin → Settings → Models, as upstream sorts `/api/models`: listed ids first, in
 * that order, then the rest by name; with no order set, the list stays as the providers gave it.
 */
function inAdminOrder(items: ModelItem[], order: string[]): ModelItem[] {
  if (order.length === 0) return items;
  const rank = new Map(order.map((id, index) => [id, index]));
  const byName = (a: ModelItem, b: ModelItem) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...items].sort((a, b) => {
    const ranked = (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity);
    return Number.isNaN(ranked) || ranked === 0 ? byName(a, b) : ranked;
  });
}
