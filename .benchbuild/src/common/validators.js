import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, } from 'class-validator';
function presence({ optional, nullable }) {
    if (optional)
        return [IsOptional()];
    // Required but nullable: skip the type check for null only.
    if (nullable)
        return [ValidateIf((_, value) => value !== null)];
    return [];
}
function doc(options, extra) {
    return ApiProperty({
        required: !options.optional,
        nullable: options.nullable,
        description: options.description,
        example: options.example,
        ...extra,
    });
}
export function StringField(options = {}) {
    const maxLength = options.maxLength ?? 10_000;
    return applyDecorators(...presence(options), IsString(), MaxLength(maxLength), doc(options, { type: String, maxLength }));
}
export function BoolField(options = {}) {
    return applyDecorators(...presence(options), IsBoolean(), doc(options, { type: Boolean }));
}
export function IntField(options = {}) {
    const range = [
        ...(options.min !== undefined ? [Min(options.min)] : []),
        ...(options.max !== undefined ? [Max(options.max)] : []),
    ];
    return applyDecorators(...presence(options), Type(() => Number), IsInt(), ...range, doc(options, { type: 'integer', minimum: options.min, maximum: options.max }));
}
export function EnumField(values, enumName, options = {}) {
    return applyDecorators(...presence(options), IsIn(values, { message: `$property must be one of: ${values.join(', ')}` }), doc(options, { enum: values, enumName }));
}
/** A free-form JSON object (settings, permissions, metadata). */
export function ObjectField(options = {}) {
    return applyDecorators(...presence(options), IsObject(), doc(options, { type: 'object', additionalProperties: true }));
}
export function StringArrayField(options = {}) {
    const maxItems = options.maxItems ?? 1000;
    return applyDecorators(...presence(options), IsArray(), ArrayMaxSize(maxItems), IsString({ each: true }), MaxLength(options.maxLength ?? 256, { each: true }), doc(options, { type: [String], maxItems }));
}
//# sourceMappingURL=validators.js.map