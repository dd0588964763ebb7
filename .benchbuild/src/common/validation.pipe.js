import { HttpStatus, UnprocessableEntityException, ValidationPipe, } from '@nestjs/common';
/** PostgreSQL rejects U+0000 in text, and no client needs it: it is removed from all input. */
export function stripNullBytes(value) {
    if (typeof value === 'string')
        return value.replaceAll('\u0000', '');
    if (Array.isArray(value))
        return value.map((item) => stripNullBytes(item));
    if (value !== null && typeof value === 'object') {
        const clean = {};
        for (const [key, item] of Object.entries(value)) {
            clean[stripNullBytes(key)] = stripNullBytes(item);
        }
        return clean;
    }
    return value;
}
function flatten(errors, location, path = []) {
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
    }
    async transform(value, metadata) {
        // No body at all validates as an empty object: required fields are then reported by name.
        const missingBody = metadata.type === 'body' && isDtoClass(metadata.metatype) && value == null;
        const clean = missingBody ? {} : stripNullBytes(value);
        if (metadata.type === 'body' &&
            isDtoClass(metadata.metatype) &&
            (typeof clean !== 'object' || Array.isArray(clean))) {
            throw new UnprocessableEntityException({
                detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }],
            });
        }
        try {
            return await super.transform(clean, metadata);
        }
        catch (error) {
            // The factory cannot see where the value came from; name the location (query, param) here.
            if (error instanceof UnprocessableEntityException && metadata.type !== 'body') {
                const { detail } = error.getResponse();
                const located = detail.map((item) => ({ ...item, loc: [metadata.type, ...item.loc.slice(1)] }));
                throw new UnprocessableEntityException({ detail: located });
            }
            throw error;
        }
    }
    createExceptionFactory() {
        return (errors = []) => new UnprocessableEntityException({ detail: flatten(errors, 'body') });
    }
}
function isDtoClass(metatype) {
    return typeof metatype === 'function' && ![String, Boolean, Number, Array, Object].includes(metatype);
}
//# sourceMappingURL=validation.pipe.js.map