/**
 * Reading and writing Open WebUI's `config` JSON document by dotted paths ("ui.banners"). The
 * document may come from outside (a copied database, an imported file), so nothing here trusts
 * its shape.
 */
export type ConfigDocument = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys that would reach Object.prototype when assigned: never copied from outside input. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function readPath(data: ConfigDocument, path: string): unknown {
  let node: unknown = data;
  for (const part of path.split('.')) {
    if (!isPlainObject(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

export function writePath(data: ConfigDocument, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = data;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = isPlainObject(next) ? next : (node[part] = {});
  }
  node[parts[parts.length - 1]] = value;
}

export function deletePath(data: ConfigDocument, path: string): void {
  const parts = path.split('.');
  const parent = readPath(data, parts.slice(0, -1).join('.'));
  if (isPlainObject(parent)) delete parent[parts[parts.length - 1]];
}

/** Copies `source` into `target`: objects merge key by key, anything else replaces. */
export function mergeInto(target: ConfigDocument, source: ConfigDocument): ConfigDocument {
  for (const [key, value] of Object.entries(source)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const current = target[key];
    target[key] = isPlainObject(value)
      ? mergeInto(isPlainObject(current) ? current : {}, value)
      : structuredClone(value);
  }
  return target;
}

/**
 * Whether a value read from the document may stand for a setting whose default is `seed`: same
 * JSON type (a list for a list), or null where either allows it. A hand-edited or imported
 * document thus cannot put a string where a number is read.
 */
export function fitsSeed(saved: unknown, seed: unknown): boolean {
  if (saved === undefined) return false;
  if (seed === null || saved === null) return true;
  if (seed === undefined) return typeof saved === 'string';
  if (Array.isArray(seed) !== Array.isArray(saved)) return false;
  return typeof saved === typeof seed;
}
