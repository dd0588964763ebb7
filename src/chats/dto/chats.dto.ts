import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { EnumField, IntField, ObjectField, StringField } from '../../common/validators.js';
import { CHAT_SORT_FIELDS } from '../chats.repository.js';

const CHAT_EXAMPLE = {
  id: '',
  title: 'New Chat',
  models: ['gpt-4o'],
  params: {},
  history: { messages: {}, currentId: null },
  messages: [],
  tags: [],
  timestamp: 1767225600000,
};

export class ChatFormDto {
  @ObjectField({ description: "The SPA's chat document", example: CHAT_EXAMPLE })
  chat: Record<string, unknown>;

  @StringField({ optional: true, nullable: true, maxLength: 64 })
  folder_id?: string | null;
}

export class ImportedChatDto {
  @ObjectField({ example: CHAT_EXAMPLE })
  chat: Record<string, unknown>;

  @StringField({ optional: true, nullable: true, maxLength: 64 })
  folder_id?: string | null;

  @ObjectField({ optional: true, nullable: true, example: { tags: ['work'] } })
  meta?: Record<string, unknown> | null;

  @IsOptional()
  @IsBoolean()
  @ApiProperty({ required: false, nullable: true, type: Boolean })
  pinned?: boolean | null;

  @IntField({ optional: true, min: 0, max: 1e13 })
  created_at?: number;

  @IntField({ optional: true, min: 0, max: 1e13 })
  updated_at?: number;
}

export class ImportChatsDto {
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => ImportedChatDto)
  @ApiProperty({ type: [ImportedChatDto] })
  chats: ImportedChatDto[];
}

export class ChatListQueryDto {
  @IntField({ optional: true, min: 1, max: 1_000_000 })
  page?: number;

  @StringField({ optional: true, maxLength: 5, description: 'true to include pinned chats' })
  include_pinned?: string;

  @StringField({ optional: true, maxLength: 5, description: 'true to include chats in folders' })
  include_folders?: string;
}

export class ChatQueryDto {
  @IntField({ optional: true, min: 1, max: 1_000_000 })
  page?: number;

  @StringField({ optional: true, maxLength: 500, description: 'Title contains (case-insensitive)' })
  query?: string;

  @EnumField(CHAT_SORT_FIELDS, 'ChatSortField', { optional: true })
  order_by?: (typeof CHAT_SORT_FIELDS)[number];

  @EnumField(['asc', 'desc'] as const, 'SortDirection', { optional: true })
  direction?: 'asc' | 'desc';
}

export class ChatSearchQueryDto {
  @StringField({ maxLength: 1000, example: 'tag:work deadline' })
  text: string;

  @IntField({ optional: true, min: 1, max: 1_000_000 })
  page?: number;
}

export class PageQueryDto {
  @IntField({ optional: true, min: 1, max: 1_000_000 })
  page?: number;
}

export class TagNameDto {
  @StringField({ maxLength: 255, example: 'work' })
  name: string;
}

export class TagFilterDto extends TagNameDto {
  @IntField({ optional: true, min: 0, max: 1_000_000 })
  skip?: number;

  @IntField({ optional: true, min: 1, max: 1000 })
  limit?: number;
}

export class CloneChatDto {
  @StringField({ optional: true, nullable: true, maxLength: 1000 })
  title?: string | null;
}

export class MoveChatDto {
  @StringField({ nullable: true, maxLength: 64 })
  folder_id: string | null;
}

export class MessageContentDto {
  @StringField({ maxLength: 10_000_000 })
  content: string;
}

export class MessageEventDto {
  @StringField({ maxLength: 100, example: 'status' })
  type: string;

  @ObjectField({ optional: true, example: { description: 'Searching', done: false } })
  data?: Record<string, unknown>;
}

export class ChatTitleDto {
  @ApiProperty({ example: '0b7c3f52-9a1e-4d6b-8f2c-5e4d3c2b1a09' }) id: string;
  @ApiProperty({ example: 'Trip to Lisbon' }) title: string;
  @ApiProperty({ type: 'integer', example: 1767225600 }) updated_at: number;
  @ApiProperty({ type: 'integer', example: 1767225600 }) created_at: number;
}

export class FolderChatTitleDto {
  @ApiProperty({ example: '0b7c3f52-9a1e-4d6b-8f2c-5e4d3c2b1a09' }) id: string;
  @ApiProperty({ example: 'Trip to Lisbon' }) title: string;
  @ApiProperty({ type: 'integer', example: 1767225600 }) updated_at: number;
}

export class ChatResponseDto extends ChatTitleDto {
  @ApiProperty({ description: 'Owner id, or shared-{chat id} for a share snapshot' }) user_id: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: CHAT_EXAMPLE }) chat: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) share_id: string | null;
  @ApiProperty() archived: boolean;
  @ApiProperty({ type: Boolean, nullable: true }) pinned: boolean | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { tags: ['work'] } }) meta: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: String, nullable: true }) folder_id: string | null;
}

export class TagDto {
  @ApiProperty({ example: 'road_trip' }) id: string;
  @ApiProperty({ example: 'Road trip' }) name: string;
  @ApiProperty() user_id: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) meta: Record<string, unknown> | null;
}
