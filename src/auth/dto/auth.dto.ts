import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '../../config/app-config.js';
import { EnumField, StringArrayField, StringField } from '../../common/validators.js';
import { PermissionTreeDto } from '../../permissions/dto/permissions.dto.js';
import { API_SCOPES } from '../../access/api-scopes.js';

const IMAGE_URL_MAX = 5_000_000;

export class SigninDto {
  @StringField({ maxLength: 320, example: 'admin@example.com' })
  email: string;

  @StringField({ maxLength: 1024, example: 'correct horse battery staple' })
  password: string;
}

export class SignupDto {
  @StringField({ maxLength: 255, example: 'Ada Lovelace' })
  name: string;

  @StringField({ maxLength: 320, example: 'ada@example.com' })
  email: string;

  @StringField({ maxLength: 1024, example: 'correct horse battery staple' })
  password: string;

  @StringField({ optional: true, maxLength: IMAGE_URL_MAX, example: '/user.png' })
  profile_image_url?: string;
}

export class AddUserDto extends SignupDto {
  @EnumField(ROLES, 'Role', { optional: true, example: 'user' })
  role?: Role;
}

export class UpdateProfileDto {
  @StringField({ maxLength: 255, example: 'Ada Lovelace' })
  name: string;

  @StringField({ maxLength: IMAGE_URL_MAX, example: '/user.png' })
  profile_image_url: string;

  @StringField({ optional: true, nullable: true, maxLength: 10_000 })
  bio?: string | null;

  @StringField({ optional: true, nullable: true, maxLength: 255 })
  gender?: string | null;

  @StringField({ optional: true, nullable: true, maxLength: 10, example: '1815-12-10' })
  date_of_birth?: string | null;
}

export class UpdatePasswordDto {
  @StringField({ maxLength: 1024 })
  password: string;

  @StringField({ maxLength: 1024 })
  new_password: string;
}

export class CreateApiKeyDto {
  @StringArrayField({
    optional: true,
    maxItems: API_SCOPES.length,
    description: `Scopes for the key (default ["*"]): ${API_SCOPES.join(', ')}`,
    example: ['chats:read', 'models:read'],
  })
  scopes?: string[];
}

export class UserResponseDto {
  @ApiProperty({ example: '6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10' }) id: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'user' }) role: Role;
  @ApiProperty({ example: '/user.png' }) profile_image_url: string;
}

export class SigninResponseDto extends UserResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' }) token: string;
  @ApiProperty({ example: 'Bearer' }) token_type: string;
}

export class SessionUserDto extends SigninResponseDto {
  @ApiProperty({ type: 'integer', nullable: true, example: 1767225600 }) expires_at: number | null;
  @ApiProperty({ type: () => PermissionTreeDto }) permissions: PermissionTreeDto;
}

export class SessionUserInfoDto extends SessionUserDto {
  @ApiProperty({ type: String, nullable: true }) bio: string | null;
  @ApiProperty({ type: String, nullable: true }) gender: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1815-12-10' }) date_of_birth: string | null;
}

export class SignoutResponseDto {
  @ApiProperty({ example: true }) status: boolean;
  @ApiPropertyOptional({ example: 'https://idp.example.com/logout' }) redirect_url?: string;
}

export class AdminDetailsDto {
  @ApiProperty({ type: String, nullable: true, example: 'Admin' }) name: string | null;
  @ApiProperty({ example: 'admin@example.com' }) email: string;
}

export class ApiKeyCreatedDto {
  @ApiProperty({ example: 'sk-3f9c0a6d1b2e4f5a8c7d9e0f1a2b3c4d', description: 'Shown once; store it now.' })
  api_key: string;
  @ApiProperty({ type: [String], example: ['*'] }) scopes: string[];
}

export class ApiKeyInfoDto {
  @ApiProperty({ example: 'sk-3f9c…3c4d', description: 'Masked: prefix and last characters only.' })
  api_key: string;
  @ApiProperty({ type: [String], example: ['*'] }) scopes: string[];
  @ApiProperty({ type: 'integer', example: 1767225600 }) created_at: number;
  @ApiProperty({ type: 'integer', nullable: true, example: null }) last_used_at: number | null;
}
