import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

/**
 * Printable ASCII: what an HTTP header value may hold. Keys and tokens are sent as headers, and
 * fetch throws on anything else (a `…` pasted into a key once became a 502 instead of a 422).
 */
export const HEADER_VALUE = /^[\x20-\x7e]*$/;

/**
 * Field decorators that validate and document in one go, so OpenAPI and validation cannot drift.
 * `optional` accepts a missing value; `nullable` also accepts null.
 */
interface FieldOptions {
  optional?: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

function presence({ optional, nullable }: FieldOptions) {
  if (optional) return [IsOptional()];
  // Required but nullable: skip the type check for null only.
  if (nullable) return [ValidateIf((_, value) => value !== null)];
  return [];
}

function doc(options: FieldOptions, extra: ApiPropertyOptions): PropertyDecorator {
  return ApiProperty({
    required: !options.optional,
    nullable: options.nullable,
    description: options.description,
    example: options.example,
    ...extra,
  } as ApiPropertyOptions);
}

export function StringField(options: FieldOptions & { maxLength?: number } = {}) {
  const maxLength = options.maxLength ?? 10_000;
  return applyDecorators(
    ...presence(options),
    IsString(),
    MaxLength(maxLength),
    doc(options, { type: String, maxLength }),
  );
}

export function BoolField(options: FieldOptions = {}) {
  return applyDecorators(...presence(options), IsBoolean(), doc(options, { type: Boolean }));
}

/** A query-string flag: `true` or `false` (read it with `flag`). */
export function FlagField(options: FieldOptions = {}) {
  return applyDecorators(IsOptional(), IsIn(['true', 'false']), doc({ ...options, optional: true }, { type: Boolean }));
}

/** A FlagField's value, or the fallback when the query left it out. */
export const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value === 'true';

export function IntField(options: FieldOptions & { min?: number; max?: number } = {}) {
  return numericField(IsInt(), 'integer', options);
}

/** A finite number (decimals allowed) within the bounds. */
export function NumberField(options: FieldOptions & { min?: number; max?: number } = {}) {
  return numericField(IsNumber({ allowNaN: false, allowInfinity: false }), 'number', options);
}

function numericField(
  check: PropertyDecorator,
  type: 'integer' | 'number',
  options: FieldOptions & { min?: number; max?: number },
) {
  const range = [
    ...(options.min !== undefined ? [Min(options.min)] : []),
    ...(options.max !== undefined ? [Max(options.max)] : []),
  ];
  return applyDecorators(
    ...presence(options),
    Type(() => Number),
    check,
    ...range,
    doc(options, { type, minimum: options.min, maximum: options.max }),
  );
}

export function EnumField<T extends string>(values: readonly T[], enumName: string, options: FieldOptions = {}) {
  return applyDecorators(
    ...presence(options),
    IsIn(values as T[], { message: `$property must be one of: ${values.join(', ')}` }),
    doc(options, { enum: values as T[], enumName }),
  );
}

/** A free-form JSON object (settings, permissions, metadata). */
export function ObjectField(options: FieldOptions = {}) {
  return applyDecorators(
    ...presence(options),
    IsObject(),
    doc(options, { type: 'object', additionalProperties: true }),
  );
}

export function StringArrayField(options: FieldOptions & { maxItems?: number; maxLength?: number } = {}) {
  const maxItems = options.maxItems ?? 1000;
  return applyDecorators(
    ...presence(options),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MaxLength(options.maxLength ?? 256, { each: true }),
    doc(options, { type: [String], maxItems }),
  );
}
