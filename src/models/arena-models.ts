import type { ArenaModelSetting } from '../config/app-config.js';
import { nowSeconds } from '../common/time.js';
import type { ModelItem } from '../providers/model-item.js';

/** Upstream's DEFAULT_ARENA_MODEL: listed while arena models are on and an admin defined none. */
const DEFAULT_ARENA: ArenaModelSetting = {
  id: 'arena-model',
  name: 'Arena Model',
  meta: {
    profile_image_url: '/favicon.png',
    description: 'Submit your questions to anonymous AI chatbots and vote on the best response.',
    model_ids: null,
  },
};

/** The admin's arena models (entries a hand-edited config row broke are left out), or the default one. */
export function arenaModelItems(saved: unknown): ModelItem[] {
  const defined = Array.isArray(saved) ? saved.filter(isArenaModel) : [];
  const created = nowSeconds();
  return (defined.length ? defined : [DEFAULT_ARENA]).map((arena) => ({
    id: arena.id,
    name: arena.name,
    object: 'model',
    created,
    owned_by: 'arena',
    arena: true,
    info: { meta: arena.meta },
    tags: [],
    actions: [],
    filters: [],
  }));
}

/**
 * The models an arena may answer through, among those the caller may use: its `model_ids`, or every
 * other model with `filter_mode: 'exclude'`; every model when it names none (as upstream).
 */
export function arenaCandidates<T extends { item: ModelItem }>(arena: ModelItem, usable: T[]): T[] {
  const meta = (arena.info?.meta ?? {}) as ArenaModelSetting['meta'];
  const named = Array.isArray(meta.model_ids) ? meta.model_ids : [];
  const models = usable.filter((model) => !model.item.arena);
  if (named.length === 0) return models;
  const exclude = meta.filter_mode === 'exclude';
  return models.filter((model) => named.includes(model.item.id) !== exclude);
}

function isArenaModel(value: unknown): value is ArenaModelSetting {
  const entry = value as Partial<ArenaModelSetting> | null;
  return (
    typeof entry?.id === 'string' &&
    entry.id !== '' &&
    typeof entry.name === 'string' &&
    typeof entry.meta === 'object' &&
    entry.meta !== null &&
    !Array.isArray(entry.meta)
  );
}
