import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { ToolServerConnectionDto, ToolServersConfigDto } from './dto/tool-servers.dto.js';
import { ToolServersService } from './tool-servers.service.js';

/** `/api/v1/configs/tool_servers`: Admin → Settings → External Tools. */
@ApiTags('configs')
@Controller('api/v1/configs/tool_servers')
export class ToolServersController {
  constructor(private readonly toolServers: ToolServersService) {}

  @Get()
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ToolServersConfigDto })
  getToolServers(): ToolServersConfigDto {
    return this.toolServers.connections();
  }

  @Post()
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ToolServersConfigDto })
  setToolServers(@Body() body: ToolServersConfigDto): Promise<ToolServersConfigDto> {
    return this.toolServers.setConnections(body);
  }

  /** Reads the server's OpenAPI spec (public addresses only, as for any user-given URL) and returns it. */
  @Post('verify')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({
    description: "The tool server's OpenAPI document",
    schema: { type: 'object', additionalProperties: true, example: { openapi: '3.1.0', info: { title: 'Weather' } } },
  })
  @ApiBadRequestResponse({ description: 'The spec could not be read; the detail says why', type: ErrorResponseDto })
  verifyToolServer(@Body() body: ToolServerConnectionDto): Promise<Record<string, unknown>> {
    return this.toolServers.verify(body);
  }
}
