/**
 * Small, strict parsers for environment variables. Each returns the parsed value or records an
 * error naming the variable, so that start-up can report every bad variable at once.
 */
export type Env = Record<string, string | undefined>;

export class EnvReader {
  readonly errors: string[] = [];

  constructor(private readonly env: Env) {}

  /** The first of `names` that is set (later names are older aliases). */
  raw(...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.env[name];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  string(name: string | string[], fallback: string): string {
    return this.raw(...([] as string[]).concat(name)) ?? fallback;
  }

  optionalString(name: string | string[]): string | undefined {
    const value = this.raw(...([] as string[]).concat(name));
    return value === undefined || value === '' ? undefined : value;
  }

  bool(name: string | string[], fallback: boolean): boolean {
    const names = ([] as string[]).concat(name);
    const value = this.raw(...names);
    if (value === undefined || value.trim() === '') return fallback;
    const normalized = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
    if (['false', '0', 'no', 'off'].includes(normalized)) return false;
    this.errors.push(`${names[0]} must be true or false (got "${value}")`);
    return fallback;
  }

  int(name: string, fallback: number, { min, max }: { min?: number; max?: number } = {}): number {
    const value = this.raw(name);
    if (value === undefined || value.trim() === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || (min !== undefined && parsed < min) || (max !== undefined && parsed > max)) {
      const range = `${min ?? '-∞'}..${max ?? '∞'}`;
      this.errors.push(`${name} must be an integer in ${range} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  /** A finite number (decimals allowed) within the bounds. */
  number(name: string, fallback: number, { min, max }: { min?: number; max?: number } = {}): number {
    const value = this.raw(name);
    if (value === undefined || value.trim() === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || (min !== undefined && parsed < min) || (max !== undefined && parsed > max)) {
      this.errors.push(`${name} must be a number in ${min ?? '-∞'}..${max ?? '∞'} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined || value === '') return fallback;
    const normalized = value.toLowerCase() as T;
    if (allowed.includes(normalized)) return normalized;
    this.errors.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  /** Semicolon-separated list, as Open WebUI's URL and key lists are. */
  list(name: string | string[], separator = ';'): string[] | undefined {
    const value = this.raw(...([] as string[]).concat(name));
    if (value === undefined) return undefined;
    return value
      .split(separator)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /**
   * A JSON value (Open WebUI's list and object variables); `fits` checks its shape, and `what`
   * describes that shape in the error.
   */
  json<T>(name: string, fallback: T, fits: (value: unknown) => value is T, what: string): T {
    const value = this.raw(name);
    if (value === undefined || value.trim() === '') return fallback;
    try {
      const parsed: unknown = JSON.parse(value);
      if (fits(parsed)) return parsed;
    } catch {
      // reported below
    }
    this.errors.push(`${name} must be ${what}`);
    return fallback;
  }

  duration(name: string, fallback: string): string {
    const value = this.string(name, fallback).trim();
    if (parseDuration(value) === undefined) {
      this.errors.push(`${name} must be -1, 0 or a duration such as 4w, 1d12h, 30m (got "${value}")`);
      return fallback;
    }
    return value;
  }
}

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses Open WebUI's JWT_EXPIRES_IN format into seconds: "-1"/"0" mean no expiry (null);
 * otherwise a sum of number+unit parts ("1d12h"). Returns undefined when the text is invalid.
 */
export function parseDuration(text: string): number | null | undefined {
  const value = text.trim();
  if (value === '-1' || value === '0') return null;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) return undefined;
  const seconds = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * DURATION_UNITS[unit], 0);
  return seconds > 0 ? seconds : undefined;
}
