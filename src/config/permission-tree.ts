import type { EnvReader } from './env-parsers.js';

/** The four sections of Open WebUI's feature-permission tree, which the web app reads from the session user. */
export interface PermissionTree {
  workspace: Record<string, boolean>;
  sharing: Record<string, boolean>;
  chat: Record<string, boolean>;
  features: Record<string, boolean>;
}
export type PartialPermissionTree = Partial<Record<keyof PermissionTree, Record<string, boolean>>>;
export const PERMISSION_SECTIONS = ['workspace', 'sharing', 'chat', 'features'] as const;

const falseFor = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, false]));
const trueFor = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, true]));

export const DEFAULT_PERMISSIONS: PermissionTree = {
  workspace: falseFor([
    'models',
    'knowledge',
    'prompts',
    'tools',
    'models_import',
    'models_export',
    'prompts_import',
    'prompts_export',
    'tools_import',
    'tools_export',
  ]),
  sharing: falseFor([
    'models',
    'public_models',
    'knowledge',
    'public_knowledge',
    'prompts',
    'public_prompts',
    'tools',
    'public_tools',
    'notes',
    'public_notes',
  ]),
  chat: {
    ...trueFor([
      'controls',
      'valves',
      'system_prompt',
      'params',
      'file_upload',
      'delete',
      'delete_message',
      'continue_response',
      'regenerate_response',
      'rate_response',
      'edit',
      'share',
      'export',
      'stt',
      'tts',
      'call',
      'multiple_models',
      'temporary',
    ]),
    temporary_enforced: false,
  },
  features: {
    api_keys: false,
    direct_tool_servers: false,
    web_search: true,
    image_generation: true,
    code_interpreter: true,
    notes: true,
  },
};

/** Env names that seed each leaf, where they differ from USER_PERMISSIONS_<SECTION>_<KEY>. */
function envNameFor(section: keyof PermissionTree, key: string): string {
  const upper = key.toUpperCase();
  if (section === 'workspace') {
    return ['MODELS', 'KNOWLEDGE', 'PROMPTS', 'TOOLS'].includes(upper)
      ? `USER_PERMISSIONS_WORKSPACE_${upper}_ACCESS`
      : `USER_PERMISSIONS_WORKSPACE_${upper}`;
  }
  if (section === 'sharing') {
    const isPublic = upper.startsWith('PUBLIC_');
    const target = isPublic ? upper.slice('PUBLIC_'.length) : upper;
    const suffix = isPublic ? 'ALLOW_PUBLIC_SHARING' : 'ALLOW_SHARING';
    return target === 'NOTES' ? `USER_PERMISSIONS_NOTES_${suffix}` : `USER_PERMISSIONS_WORKSPACE_${target}_${suffix}`;
  }
  return `USER_PERMISSIONS_${section.toUpperCase()}_${upper}`;
}

export function readPermissionsFromEnv(read: EnvReader, defaults: PermissionTree): PermissionTree {
  const tree = clonePermissions(defaults);
  for (const section of PERMISSION_SECTIONS) {
    for (const key of Object.keys(tree[section])) {
      tree[section][key] = read.bool(envNameFor(section, key), tree[section][key]);
    }
  }
  return tree;
}

export function clonePermissions(tree: PermissionTree): PermissionTree {
  return {
    workspace: { ...tree.workspace },
    sharing: { ...tree.sharing },
    chat: { ...tree.chat },
    features: { ...tree.features },
  };
}

/** Defaults with every saved boolean leaf applied: keeps keys the saved tree lacks. */
export function fillPermissions(
  saved: PartialPermissionTree | null | undefined,
  defaults: PermissionTree,
): PermissionTree {
  const tree = clonePermissions(defaults);
  for (const section of PERMISSION_SECTIONS) {
    for (const [key, value] of Object.entries(saved?.[section] ?? {})) {
      if (typeof value === 'boolean') tree[section][key] = value;
    }
  }
  return tree;
}

/** Effective permissions: the default tree, OR-merged with every group's true leaves. */
export function mergeGroupPermissions(
  defaults: PermissionTree,
  groups: (PartialPermissionTree | null)[],
): PermissionTree {
  const tree = clonePermissions(defaults);
  for (const group of groups) {
    for (const section of PERMISSION_SECTIONS) {
      for (const [key, value] of Object.entries(group?.[section] ?? {})) {
        if (value === true) tree[section][key] = true;
      }
    }
  }
  return tree;
}
