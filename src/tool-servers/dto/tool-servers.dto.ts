import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { EnumField, ObjectField, StringField } from '../../common/validators.js';

export const TOOL_SERVER_TYPES = ['openapi', 'mcp'] as const;
export const SPEC_TYPES = ['url', 'json'] as const;

/** One tool server as the web app's "Add Connection" form sends it (upstream's ToolServerConnection). */
export class ToolServerConnectionDto {
  @StringField({ maxLength: 2048, example: 'https://tools.example.com' }) url!: string;

  @StringField({ maxLength: 2048, example: 'openapi.json', description: 'The spec, relative to url, or a full URL' })
  path!: string;

  @EnumField(TOOL_SERVER_TYPES, 'ToolServerType', { optional: true, example: 'openapi' })
  type?: (typeof TOOL_SERVER_TYPES)[number];

  @EnumField(SPEC_TYPES, 'ToolServerSpecType', { optional: true, example: 'url' })
  spec_type?: (typeof SPEC_TYPES)[number];

  @StringField({
    optional: true,
    maxLength: 1_000_000,
    description: 'The OpenAPI document itself, with spec_type json',
  })
  spec?: string;

  @StringField({ optional: true, nullable: true, maxLength: 32, example: 'bearer' })
  auth_type?: string | null;

  @StringField({ optional: true, nullable: true, maxLength: 4096, example: '' })
  key?: string | null;

  @ObjectField({ optional: true, nullable: true, example: { 'X-Team': 'research' } })
  headers?: Record<string, unknown> | null;

  @ObjectField({ optional: true, nullable: true, example: { enable: true, access_control: null } })
  config?: Record<string, unknown> | null;

  @ObjectField({ optional: true, nullable: true, example: { id: 'weather', name: 'Weather', description: '' } })
  info?: Record<string, unknown> | null;
}

export class ToolServersConfigDto {
  @ApiProperty({ type: [ToolServerConnectionDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ToolServerConnectionDto)
  TOOL_SERVER_CONNECTIONS!: ToolServerConnectionDto[];
}
