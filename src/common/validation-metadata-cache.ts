import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/**
 * class-validator works out a class's rules again on every validation: it filters the class's own
 * rules and tests the class against every class that has rules (hundreds here) for inheritance,
 * the largest single cost of validating a small body. The rules only change when a decorated class
 * is loaded, so the answer is kept per class until then. Only the lookups without groups are kept
 * (the global pipe uses none); the arrays are shared, and class-validator and Nest only read them.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as MetadataStorage & { [CACHED]?: true };
  if (storage[CACHED]) return;
  storage[CACHED] = true;

  const computed = new Map<object | string, Map<string, ValidationMetadata[]>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups?.length) return lookup(target, schema, always, strictGroups, groups);
    let forTarget = computed.get(target);
    if (!forTarget) computed.set(target, (forTarget = new Map<string, ValidationMetadata[]>()));
    const key = `${schema ?? ''}|${always}|${strictGroups}`;
    let metadatas = forTarget.get(key);
    if (!metadatas) forTarget.set(key, (metadatas = lookup(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  // A class decorated later (a module loaded on demand) may add rules to a class, or to one it extends.
  storage.addValidationMetadata = (metadata) => {
    computed.clear();
    add(metadata);
  };
}

const CACHED = Symbol('validation metadata cached');
