export class EnvReader {
    constructor(env) {
        this.env = env;
        this.errors = [];
    }
    /** The first of `names` that is set (later names are older aliases). */
    raw(...names) {
        for (const name of names) {
            const value = this.env[name];
            if (value !== undefined)
                return value;
        }
        return undefined;
    }
    string(name, fallback) {
        return this.raw(...[].concat(name)) ?? fallback;
    }
    optionalString(name) {
        const value = this.raw(...[].concat(name));
        return value === undefined || value === '' ? undefined : value;
    }
    bool(name, fallback) {
        const names = [].concat(name);
        const value = this.raw(...names);
        if (value === undefined || value.trim() === '')
            return fallback;
        const normalized = value.trim().toLowerCase();
        if (['true', '1', 'yes', 'on'].includes(normalized))
            return true;
        if (['false', '0', 'no', 'off'].includes(normalized))
            return false;
        this.errors.push(`${names[0]} must be true or false (got "${value}")`);
        return fallback;
    }
    int(name, fallback, { min, max } = {}) {
        const value = this.raw(name);
        if (value === undefined || value.trim() === '')
            return fallback;
        const parsed = Number(value);
        if (!Number.isInteger(parsed) || (min !== undefined && parsed < min) || (max !== undefined && parsed > max)) {
            const range = `${min ?? '-∞'}..${max ?? '∞'}`;
            this.errors.push(`${name} must be an integer in ${range} (got "${value}")`);
            return fallback;
        }
        return parsed;
    }
    oneOf(name, allowed, fallback) {
        const value = this.raw(name);
        if (value === undefined || value === '')
            return fallback;
        const normalized = value.toLowerCase();
        if (allowed.includes(normalized))
            return normalized;
        this.errors.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
        return fallback;
    }
    /** Semicolon-separated list, as Open WebUI's URL and key lists are. */
    list(name, separator = ';') {
        const value = this.raw(...[].concat(name));
        if (value === undefined)
            return undefined;
        return value
            .split(separator)
            .map((item) => item.trim())
            .filter((item) => item !== '');
    }
    duration(name, fallback) {
        const value = this.string(name, fallback).trim();
        if (parseDuration(value) === undefined) {
            this.errors.push(`${name} must be -1, 0 or a duration such as 4w, 1d12h, 30m (got "${value}")`);
            return fallback;
        }
        return value;
    }
}
const DURATION_UNITS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
/**
 * Parses Open WebUI's JWT_EXPIRES_IN format into seconds: "-1"/"0" mean no expiry (null);
 * otherwise a sum of number+unit parts ("1d12h"). Returns undefined when the text is invalid.
 */
export function parseDuration(text) {
    const value = text.trim();
    if (value === '-1' || value === '0')
        return null;
    const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value)
        return undefined;
    const seconds = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * DURATION_UNITS[unit], 0);
    return seconds > 0 ? seconds : undefined;
}
//# sourceMappingURL=env-parsers.js.map