import {
  type ArgumentMetadata,
  HttpStatus,
  UnprocessableEntityException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

/** PostgreSQL rejects U+0000 in text, and no client needs it: it is removed from all input. */
export function stripNullBytes<T>(value: T): T {
  // Almost no request has one: check without allocating, and rebuild only when needed.
  return hasNullBytes(value) ? withoutNullBytes(value) : value;
}

function hasNullBytes(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNullBytes);
  if (value !== null && typeof value === 'object') {
    for (const key in value)
      if (hasNullBytes(key) || hasNullBytes((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function withoutNullBytes<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNullBytes(item)) as T;
  if (value !== null && typeof value === 'object') {
    const clean: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      clean[withoutNullBytes(key)] = withoutNullBytes(item);
    }
    return clean as T;
  }
  return value;
}

interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
}

function flatten(errors: ValidationError[], location: string, path: (string | number)[] = []): FieldError[] {
  return errors.flatMap((error) => {
    const here = [...path, error.property];
    const own = Object.values(error.constraints ?? {}).map((msg) => ({
      loc: [location, ...here],
      msg,
      type: 'value_error',
    }));
    return [...own, ...flatten(error.children ?? [], location, here)];
  });
}

/**
 * The global pipe: strips null bytes, then validates DTOs with whitelist + transform. Failures are
 * 422 with a FastAPI-style `detail` list, as Open WebUI answers them.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      transform: true,
      forbidUnknownValues: false,
      errorHttpStatusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      validationError: { target: false, value: false },
    });
    cacheValidationMetadata();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Request input only: custom parameters (a gateway's socket, the caller) are not data to scrub.
    if (metadata.type === 'custom') return value;
    // No body at all validates as an empty object: required fields are then reported by name.
    const missingBody = metadata.type === 'body' && isDtoClass(metadata.metatype) && value == null;
    const clean = missingBody ? {} : stripNullBytes(value);
    if (
      metadata.type === 'body' &&
      isDtoClass(metadata.metatype) &&
      (typeof clean !== 'object' || Array.isArray(clean))
    ) {
      throw new UnprocessableEntityException({
        detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }],
      });
    }
    try {
      return await super.transform(clean, metadata);
    } catch (error) {
      // The factory cannot see where the value came from; name the location (query, param) here.
      if (error instanceof UnprocessableEntityException && metadata.type !== 'body') {
        const { detail } = error.getResponse() as { detail: FieldError[] };
        const located = detail.map((item) => ({ ...item, loc: [metadata.type, ...item.loc.slice(1)] }));
        throw new UnprocessableEntityException({ detail: located });
      }
      throw error;
    }
  }

  override createExceptionFactory() {
    return (errors: ValidationError[] = []) => new UnprocessableEntityException({ detail: flatten(errors, 'body') });
  }
}

function isDtoClass(metatype: unknown): boolean {
  return typeof metatype === 'function' && ![String, Boolean, Number, Array, Object].includes(metatype as never);
}
