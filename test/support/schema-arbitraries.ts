import fc from 'fast-check';
import { extraKey, hostileValue, withOwnKey } from './hostile-values.js';

/** The part of an OpenAPI 3 schema object the generators read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

type Path = (string | number)[];

/** Deeper than this, generated values stop following the schema (real DTOs nest about 4 levels). */
const MAX_DEPTH = 5;

/**
 * Arbitraries derived from the OpenAPI schemas the server serves: `valid` follows a schema (and its
 * example), `broken` starts from a valid value and breaks it: a field of the wrong type or out of
 * its constraints, a field removed, a field added (prototype keys among them), or the whole body
 * replaced by something else.
 */
export class SchemaArbitraries {
  constructor(private readonly components: Record<string, Schema>) {}

  /** Follows `$ref` and merges `allOf` into one schema. */
  resolve(schema: Schema): Schema {
    if (schema.$ref) {
      const { $ref, ...rest } = schema;
      return this.resolve({ ...this.components[$ref.split('/').at(-1)!], ...rest });
    }
    if (schema.allOf) {
      const { allOf, ...rest } = schema;
      return allOf.reduce<Schema>((merged, part) => ({ ...merged, ...this.resolve(part) }), rest);
    }
    return schema;
  }

  valid(input: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const generated = this.generated(schema, depth);
    const withExample = schema.example === undefined ? generated : fc.oneof(fc.constant(schema.example), generated);
    return schema.nullable ? fc.option(withExample, { nil: null, freq: 6 }) : withExample;
  }

  private generated(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const choices = schema.oneOf ?? schema.anyOf;
    if (choices) return fc.oneof(...choices.map((choice) => this.valid(choice, depth + 1)));
    if (depth > MAX_DEPTH) return fc.constant(schema.example ?? null);
    switch (schema.type) {
      case 'string':
        return this.validString(schema);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000_000 });
      case 'number':
        return fc.double({
          min: schema.minimum ?? -1e6,
          max: schema.maximum ?? 1e6,
          noNaN: true,
          noDefaultInfinity: true,
        });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(schema.items ? this.valid(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 2 }), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 3, 3),
        });
      case 'object':
      case undefined:
        return this.validObject(schema, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private validString(schema: Schema): fc.Arbitrary<string> {
    if (schema.format === 'uuid') return fc.uuid();
    const minLength = schema.minLength ?? 0;
    const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
    return fc.string({ unit: 'grapheme', minLength, maxLength });
  }

  private validObject(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    const names = Object.keys(properties);
    if (names.length === 0) {
      const extra = schema.additionalProperties;
      const values = typeof extra === 'object' ? this.valid(extra, depth + 1) : fc.jsonValue({ maxDepth: 2 });
      return fc.dictionary(fc.string({ maxLength: 10 }), values, { maxKeys: 4 });
    }
    const model = Object.fromEntries(names.map((name) => [name, this.valid(properties[name], depth + 1)]));
    return fc.record(model, { requiredKeys: (schema.required ?? []).filter((name) => name in model) });
  }

  /** Values that break one constraint of `schema` (type, length, range, enum, item count). */
  private violations(input: Schema): fc.Arbitrary<unknown>[] {
    const schema = this.resolve(input);
    const out: fc.Arbitrary<unknown>[] = [];
    if (schema.enum) out.push(fc.constantFrom('not-one-of-them', 'ADMIN', ' user', 7));
    if (schema.maxLength !== undefined) out.push(fc.constant('x'.repeat(Math.min(schema.maxLength + 1, 6_000_000))));
    if (schema.minLength) out.push(fc.constant('x'.repeat(schema.minLength - 1)));
    if (schema.maximum !== undefined) out.push(fc.constantFrom(schema.maximum + 1, schema.maximum * 1e6 + 1));
    if (schema.minimum !== undefined) out.push(fc.constantFrom(schema.minimum - 1, -1e12));
    if (schema.type === 'integer') out.push(fc.constantFrom(1.5, '1', 1e300));
    if (schema.maxItems !== undefined && schema.items) {
      out.push(
        fc.array(this.valid(schema.items, MAX_DEPTH), {
          minLength: schema.maxItems + 1,
          maxLength: schema.maxItems + 3,
        }),
      );
    }
    if (schema.type && !schema.nullable) out.push(fc.constant(null));
    out.push(fc.constantFrom<unknown>(...wrongTypes(schema.type)));
    return out;
  }

  /** Paths into a schema's (nested) properties, each with the values that break it there. */
  private fieldViolations(input: Schema, path: Path = [], depth = 0): { path: Path; value: fc.Arbitrary<unknown> }[] {
    const schema = this.resolve(input);
    if (depth > 3) return [];
    const own = path.length === 0 ? [] : [{ path, value: fc.oneof(...this.violations(schema)) }];
    const children = Object.entries(schema.properties ?? {}).flatMap(([name, child]) =>
      this.fieldViolations(child, [...path, name], depth + 1),
    );
    const items = schema.items ? this.fieldViolations(schema.items, [...path, 0], depth + 1) : [];
    return [...own, ...children, ...items];
  }

  /** A body that breaks `schema` in one to three ways. */
  broken(input: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const targeted = this.fieldViolations(schema);
    return this.valid(schema).chain((base) => {
      const places = pathsOf(base);
      const mutation = fc.oneof(
        ...(targeted.length
          ? [
              {
                weight: 4,
                arbitrary: fc.constantFrom(...targeted).chain(({ path, value }) => value.map((v) => setAt(path, v))),
              },
            ]
          : []),
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...places), hostileValue).map(([path, v]) => setAt(path, v)) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(...places.filter((path) => path.length > 0), [] as Path).map(removeAt),
        },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.constantFrom(...places), extraKey, hostileValue)
            .map(([path, key, v]) => setAt([...path, key], v)),
        },
      );
      return fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((mutations) => mutations.reduce((value, mutate) => mutate(value), clone(base)));
    });
  }
}

function wrongTypes(type: string | undefined): unknown[] {
  const all: Record<string, unknown[]> = {
    string: ['text', ''],
    number: [3, -0.5],
    boolean: [true],
    array: [['a'], []],
    object: [{ a: 1 }, {}],
  };
  const own = type === 'integer' ? 'number' : (type ?? 'object');
  return Object.entries(all)
    .filter(([name]) => name !== own)
    .flatMap(([, values]) => values);
}

/** Every path to a value inside `value` (the root is `[]`), objects and arrays a few levels down. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (path.length >= 4 || out.length > 60 || value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value) ? value.slice(0, 3).map((item, i) => [i, item] as const) : Object.entries(value);
  for (const [key, item] of entries) pathsOf(item, [...path, key], out);
  return out;
}

const clone = (value: unknown): unknown => (value === undefined ? undefined : structuredClone(value));

/** Sets `path` to `replacement` (the root when empty); a parent that is not an object is left as is. */
function setAt(path: Path, replacement: unknown) {
  return (value: unknown): unknown => {
    if (path.length === 0) return replacement;
    const parent = walk(value, path.slice(0, -1));
    if (parent !== null && typeof parent === 'object') {
      withOwnKey(parent as Record<string, unknown>, String(path.at(-1)), replacement);
    }
    return value;
  };
}

/** Removes the key at `path` (an empty path removes the whole body). */
function removeAt(path: Path) {
  return (value: unknown): unknown => {
    if (path.length === 0) return undefined;
    const parent = walk(value, path.slice(0, -1));
    if (parent !== null && typeof parent === 'object') delete (parent as Record<string, unknown>)[String(path.at(-1))];
    return value;
  };
}

function walk(value: unknown, path: Path): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}
