import { UnprocessableEntityException } from '@nestjs/common';
import { stripNullBytes } from './validation.pipe.js';
const MAX_DEPTH = 32;
function depth(value, level = 0) {
    if (level > MAX_DEPTH || value === null || typeof value !== 'object')
        return level;
    return Math.max(level, ...Object.values(value).map((item) => depth(item, level + 1)));
}
/** For routes that take a free-form JSON object (settings, info): an object, not too deep. */
export class JsonObjectPipe {
    transform(value) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            throw new UnprocessableEntityException({
                detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }],
            });
        }
        if (depth(value) > MAX_DEPTH) {
            throw new UnprocessableEntityException({
                detail: [{ loc: ['body'], msg: `Nesting deeper than ${MAX_DEPTH} levels`, type: 'value_error' }],
            });
        }
        return stripNullBytes(value);
    }
}
//# sourceMappingURL=json-object.pipe.js.map