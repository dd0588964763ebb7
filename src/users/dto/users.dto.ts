import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ROLES, type Role } from '../../config/app-config.js';
import { EnumField, IntField, StringField } from '../../common/validators.js';
import { USER_SORT_FIELDS } from '../users.repository.js';

export class UserListQueryDto {
  @StringField({ optional: true, maxLength: 255, description: 'Case-insensitive match on name or email' })
  query?: string;

  @StringField({
    optional: true,
    maxLength: 300,
    description: `One of ${USER_SORT_FIELDS.join(', ')}, or group_id:<id> (that group's members first)`,
    example: 'created_at',
  })
  @Matches(new RegExp(`^(${USER_SORT_FIELDS.join('|')}|group_id:.+)$`), {
    message: `order_by must be one of ${USER_SORT_FIELDS.join(', ')} or group_id:<id>`,
  })
  order_by?: string;

  @EnumField(['asc', 'desc'] as const, 'SortDirection', { optional: true, example: 'desc' })
  direction?: 'asc' | 'desc';

  @IntField({ optional: true, min: 1, max: 1_000_000, example: 1 })
  page?: number;
}

export class UserSearchQueryDto {
  @StringField({ optional: true, maxLength: 255 })
  query?: string;
}

export class AdminUpdateUserDto {
  @EnumField(ROLES, 'Role', { example: 'user' })
  role: Role;

  @StringField({ maxLength: 255, example: 'Ada Lovelace' })
  name: string;

  @StringField({ maxLength: 320, example: 'ada@example.com' })
  email: string;

  @StringField({ maxLength: 5_000_000, example: '/user.png' })
  profile_image_url: string;

  @StringField({ optional: true, nullable: true, maxLength: 1024 })
  password?: string | null;
}

export class UserModelDto {
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }) id: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiProperty({ type: String, nullable: true, example: null }) username: string | null;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'user' }) role: Role;
  @ApiProperty({ example: '/user.png' }) profile_image_url: string;
  @ApiProperty({ type: String, nullable: true }) bio: string | null;
  @ApiProperty({ type: String, nullable: true }) gender: string | null;
  @ApiProperty({ type: String, nullable: true }) date_of_birth: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) info: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) settings: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: 'Masked API key hint', example: 'sk-3f9c…3c4d' })
  api_key: string | null;
  @ApiProperty({ type: String, nullable: true }) oauth_sub: string | null;
  @ApiProperty({ type: 'integer', example: 1767225600 }) last_active_at: number;
  @ApiProperty({ type: 'integer', example: 1767225600 }) updated_at: number;
  @ApiProperty({ type: 'integer', example: 1767225600 }) created_at: number;
}

export class UserWithGroupsDto extends UserModelDto {
  @ApiProperty({ type: [String], example: ['3b0e5c1d-2f4a-4e6b-8c9d-0a1b2c3d4e5f'] }) group_ids: string[];
}

export class UserListResponseDto {
  @ApiProperty({ type: [UserWithGroupsDto] }) users: UserWithGroupsDto[];
  @ApiProperty({ type: 'integer', example: 1 }) total: number;
}

export class UserSummaryDto {
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }) id: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'user' }) role: Role;
}

export class UserSummaryListDto {
  @ApiProperty({ type: [UserSummaryDto] }) users: UserSummaryDto[];
  @ApiProperty({ type: 'integer', example: 1 }) total: number;
}

export class UserNameDto {
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }) id: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
}

export class UserSearchResponseDto {
  @ApiProperty({ type: [UserNameDto] }) users: UserNameDto[];
  @ApiProperty({ type: 'integer', example: 1 }) total: number;
}

/** An object's owner as lists show them (upstream's UserResponse). */
export class PublicProfileDto {
  @ApiProperty({ example: '3f0c7a52-5b1e-4a57-9d7e-0b8e2f3c1a90' }) id: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'user' }) role: Role;
  @ApiProperty({ example: '/user.png' }) profile_image_url: string;
}

export class UserProfileDto {
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ example: '/user.png' }) profile_image_url: string;
  @ApiPropertyOptional({ example: false, description: 'Whether the user has a live connection' }) active?: boolean;
}
