import { type PipeTransform, UnprocessableEntityException } from '@nestjs/common';
import { type FieldError, InvalidInput } from './errors.js';
import { AppValidationPipe } from './validation.pipe.js';

/**
 * A JSON array body whose items are each validated as `item` (the global pipe validates objects
 * only). Errors are located by index, as FastAPI does: `["body", 2, "file_id"]`.
 */
export class DtoListPipe<T extends object> implements PipeTransform<unknown, Promise<T[]>> {
  private readonly items = new AppValidationPipe();

  constructor(
    private readonly item: new () => T,
    private readonly maxItems: number,
  ) {}

  async transform(value: unknown): Promise<T[]> {
    if (!Array.isArray(value))
      throw new InvalidInput([{ loc: ['body'], msg: 'Input should be a valid list', type: 'list_type' }]);
    if (value.length > this.maxItems) {
      throw new InvalidInput([{ loc: ['body'], msg: `At most ${this.maxItems} items`, type: 'too_long' }]);
    }
    const valid: T[] = [];
    const errors: FieldError[] = [];
    for (const [index, item] of value.entries()) {
      try {
        valid.push((await this.items.transform(item, { type: 'body', metatype: this.item })) as T);
      } catch (error) {
        if (!(error instanceof UnprocessableEntityException)) throw error;
        const { detail } = error.getResponse() as { detail: FieldError[] };
        errors.push(...detail.map((problem) => ({ ...problem, loc: ['body', index, ...problem.loc.slice(1)] })));
      }
    }
    if (errors.length > 0) throw new InvalidInput(errors);
    return valid;
  }
}
