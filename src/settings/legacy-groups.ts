import { type ConfigDocument, deletePath, isPlainObject, readPath, writePath } from './config-document.js';
import { RAG_PATHS, TASK_PATHS, WEB_SEARCH_PATHS } from './field-paths.js';

/**
 * Where earlier builds of webui-nest kept three groups as whole objects, at paths Open WebUI never
 * reads. Their fields now live at Open WebUI's own paths (field-paths.ts); these are the paths of
 * that shipped layout, so they never change.
 */
const LEGACY_GROUPS: readonly { path: string; fields: Readonly<Record<string, string>> }[] = [
  { path: 'task.config', fields: TASK_PATHS },
  { path: 'rag.config', fields: RAG_PATHS },
  { path: 'rag.web.config', fields: WEB_SEARCH_PATHS },
];

/**
 * Moves each legacy group's fields to their own paths and removes the group. A moved value wins over
 * one already at the path: it is the value webui-nest was using (a database copied from Open WebUI and
 * then saved here held both). Keys the group no longer has a path for are dropped: nothing read them.
 * True when the document changed.
 */
export function liftLegacyGroups(data: ConfigDocument): boolean {
  let changed = false;
  for (const { path, fields } of LEGACY_GROUPS) {
    const group = readPath(data, path);
    if (group === undefined) continue;
    deletePath(data, path);
    changed = true;
    if (!isPlainObject(group)) continue;
    for (const [field, fieldPath] of Object.entries(fields)) {
      if (Object.hasOwn(group, field) && group[field] !== undefined) writePath(data, fieldPath, group[field]);
    }
  }
  return changed;
}

/** The reverse, for a migration's `down`: each group gathered back from the paths (which stay). */
export function lowerToLegacyGroups(data: ConfigDocument): void {
  for (const { path, fields } of LEGACY_GROUPS) {
    const group: Record<string, unknown> = {};
    for (const [field, fieldPath] of Object.entries(fields)) {
      const value = readPath(data, fieldPath);
      if (value !== undefined) group[field] = value;
    }
    if (Object.keys(group).length > 0) writePath(data, path, group);
  }
}
