/**
 * LIKE patterns with user text: `%`, `_` and the escape character are escaped. The escape is `!`,
 * not a backslash: TypeORM's parameter parser reads `'\'` as an escaped quote and then misplaces
 * the parameters that follow it.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** A filename glob (`*` any run, `?` one character) as a LIKE pattern; everything else matches itself. */
export function globPattern(glob: string): string {
  return glob
    .replace(/[!%_]/g, (c) => `!${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}
