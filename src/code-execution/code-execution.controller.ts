import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtension, ApiTags } from '@nestjs/swagger';
import { ApiOkResponse } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import type { CodeExecutionSettings } from '../config/env-code-execution.js';
import { CodeExecutionService } from './code-execution.service.js';
import { CodeExecutionConfigDto, ExecuteCodeDto } from './dto/code-execution.dto.js';

/** `/api/v1/configs/code_execution`: Admin → Settings → Code Execution. */
@ApiTags('configs')
@Controller('api/v1/configs/code_execution')
export class CodeExecutionConfigController {
  constructor(private readonly codeExecution: CodeExecutionService) {}

  @Get()
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: CodeExecutionConfigDto })
  getCodeExecutionConfig(): CodeExecutionSettings {
    return this.codeExecution.config();
  }

  @Post()
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: CodeExecutionConfigDto })
  setCodeExecutionConfig(@Body() body: CodeExecutionConfigDto): Promise<CodeExecutionSettings> {
    return this.codeExecution.update(body);
  }
}

/** `/api/v1/utils/code/execute`: server-side code runs (Jupyter), which this server does not offer yet. */
@ApiTags('utils')
@Controller('api/v1/utils/code')
export class CodeRunController {
  constructor(private readonly codeExecution: CodeExecutionService) {}

  @Post('execute')
  @HttpCode(200)
  @Auth()
  @ApiBadRequestResponse({ description: 'Always: the detail names what is missing', type: ErrorResponseDto })
  @ApiExtension('x-not-available-yet', true)
  executeCode(@Body() _body: ExecuteCodeDto): never {
    return this.codeExecution.execute();
  }
}
