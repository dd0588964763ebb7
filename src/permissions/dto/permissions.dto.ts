import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { DEFAULT_PERMISSIONS } from '../../config/permission-tree.js';

const section = (name: keyof typeof DEFAULT_PERMISSIONS) =>
  ApiProperty({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    example: DEFAULT_PERMISSIONS[name],
  });

/** The four-section permission tree; each section maps a permission name to a boolean. */
export class PermissionTreeDto {
  @section('workspace') @IsObject() workspace: Record<string, boolean>;
  @section('sharing') @IsObject() sharing: Record<string, boolean>;
  @section('chat') @IsObject() chat: Record<string, boolean>;
  @section('features') @IsObject() features: Record<string, boolean>;
}
