import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorator.js';
import { ErrorResponseDto, StatusResponseDto } from '../common/dto/error-response.dto.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Liveness: the process answers. */
  @Get()
  @Public()
  @ApiOkResponse({ type: StatusResponseDto })
  getHealth() {
    return { status: true };
  }

  /** Readiness of the database: a real round trip. */
  @Get('db')
  @Public()
  @ApiOkResponse({ type: StatusResponseDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto })
  async getDatabaseHealth() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ detail: 'Database is not reachable' });
    }
    return { status: true };
  }
}
