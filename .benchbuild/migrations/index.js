import { Identity1764100000000 } from './1764100000000-identity.js';
/** Every migration, in order. Listed explicitly so a build never depends on a file glob. */
export const migrations = [Identity1764100000000];
//# sourceMappingURL=index.js.map