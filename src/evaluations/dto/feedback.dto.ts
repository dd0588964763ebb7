import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { EnumField, IntField, ObjectField, StringField } from '../../common/validators.js';
import { PublicProfileDto } from '../../users/dto/users.dto.js';
import { FEEDBACK_SORT_FIELDS, type FeedbackSortField } from '../feedbacks.repository.js';

/** The keys of a rating Open WebUI types (RatingData); any others are kept as they are. */
const RATING_KEYS: Record<string, (value: unknown) => boolean> = {
  rating: (value) => typeof value === 'string' || Number.isInteger(value),
  model_id: (value) => typeof value === 'string',
  sibling_model_ids: (value) => Array.isArray(value) && value.every((id) => typeof id === 'string'),
  reason: (value) => typeof value === 'string',
  comment: (value) => typeof value === 'string',
};

/** `data` is free-form, but its typed keys must hold their type (null allowed), as upstream's RatingData. */
function IsRatingData() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isRatingData',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) =>
          value === null ||
          value === undefined ||
          Object.entries(RATING_KEYS).every(([key, fits]) => {
            const field = (value as Record<string, unknown>)[key];
            return field === undefined || field === null || fits(field);
          }),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property}: rating must be a string or an integer; model_id, reason and comment strings; sibling_model_ids a list of strings`,
      },
    });
}

const RATING_EXAMPLE = {
  rating: 1,
  model_id: 'gpt-4o',
  reason: 'accurate_information',
  comment: 'Spot on.',
  tags: ['geography'],
  details: { rating: 9 },
};
const META_EXAMPLE = { arena: false, chat_id: '5e1d8a7c-…', message_id: '9b2f…', message_index: 2 };

/** What the web app sends when an answer is rated, and again when the rating is detailed. */
export class FeedbackFormDto {
  @StringField({ maxLength: 100, example: 'rating', description: 'What kind of feedback ("rating" from the web app)' })
  type: string;

  @ObjectField({ optional: true, nullable: true, example: RATING_EXAMPLE, description: 'The rating and its details' })
  @IsRatingData()
  data?: Record<string, unknown> | null;

  @ObjectField({ optional: true, nullable: true, example: META_EXAMPLE, description: 'Where the rating was given' })
  meta?: Record<string, unknown> | null;

  @ObjectField({
    optional: true,
    nullable: true,
    example: { chat: { id: '5e1d8a7c-…', chat: { history: { messages: {} } } } },
    description: 'The chat as it was when rated (`chat`: the chat object)',
  })
  snapshot?: Record<string, unknown> | null;
}

export class FeedbackDto {
  @ApiProperty({ example: '0b6f5a2e-3c1d-4e8f-9a7b-6c5d4e3f2a1b' }) id: string;
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }) user_id: string;
  @ApiProperty({ type: 'integer', example: 0 }) version: number;
  @ApiProperty({ example: 'rating' }) type: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: RATING_EXAMPLE })
  data: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: META_EXAMPLE })
  meta: Record<string, unknown> | null;
  @ApiProperty({ type: 'integer', example: 1767225600 }) created_at: number;
  @ApiProperty({ type: 'integer', example: 1767225600 }) updated_at: number;
}

/** One feedback with the chat it was given in (upstream's FeedbackModel). */
export class FeedbackWithSnapshotDto extends FeedbackDto {
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  snapshot: Record<string, unknown> | null;
}

export class FeedbackWithUserDto extends FeedbackDto {
  @ApiProperty({ type: PublicProfileDto, nullable: true, description: 'Who gave it' })
  user: PublicProfileDto | null;
}

export class FeedbackPageDto {
  @ApiProperty({ type: [FeedbackWithUserDto] }) items: FeedbackWithUserDto[];
  @ApiProperty({ type: 'integer', example: 1, description: 'How many there are in all' }) total: number;
}

export class FeedbackPageQueryDto {
  @EnumField(FEEDBACK_SORT_FIELDS, 'FeedbackSortField', {
    optional: true,
    description: 'Sort column (`user` and `username` both sort by the user’s name); newest first without one',
  })
  order_by?: FeedbackSortField;

  @EnumField(['asc', 'desc'] as const, 'SortDirection', { optional: true, description: 'Default desc' })
  direction?: 'asc' | 'desc';

  @IntField({ optional: true, min: 1, max: 1_000_000, description: 'Page of 30, from 1' })
  page?: number;
}
