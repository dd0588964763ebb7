import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { PipelineServersDto, PipelinesListDto } from './dto/pipelines.dto.js';

/**
 * `/api/v1/pipelines` (Admin → Settings → Pipelines). Upstream lists the OpenAI connections whose
 * model list marks them as a Pipelines server; this server does not talk to Pipelines servers, so
 * it answers as upstream does with none configured, and the page shows its empty state.
 */
@ApiTags('pipelines')
@Controller('api/v1/pipelines')
export class PipelinesController {
  @Get('list')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: PipelineServersDto })
  listPipelineServers(): PipelineServersDto {
    return { data: [] };
  }

  @Get()
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: PipelinesListDto })
  listPipelines(): PipelinesListDto {
    return { data: [] };
  }
}
