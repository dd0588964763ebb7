import type { UserResponseDto } from './dto/auth.dto.js';

/**
 * The fields of a user that sign-in and session answers carry. Type-only imports, so the auth
 * bench's bare node:http baseline can use it without loading the framework.
 */
export function publicUser(user: UserResponseDto): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    profile_image_url: user.profile_image_url,
  };
}
