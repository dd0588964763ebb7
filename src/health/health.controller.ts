import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import { Public } from '../access/auth.decorator.js';
import { ErrorResponseDto, StatusResponseDto } from '../common/dto/error-response.dto.js';
import { DatabaseHealthService } from '../database/database-health.service.js';
import { REDIS_CLIENT } from '../kv/kv.module.js';
import { InjectSocketRedis, type SocketRedis } from '../presence/socket-redis.js';

class HealthDto extends StatusResponseDto {
  @ApiPropertyOptional({
    enum: ['ok', 'degraded'],
    description: 'Only with Redis configured: degraded while a Redis connection is down (the app keeps serving).',
  })
  redis?: 'ok' | 'degraded';
}

class RedisHealthDto extends StatusResponseDto {
  @ApiProperty({ example: true })
  configured!: boolean;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealthService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @InjectSocketRedis() private readonly socketRedis: SocketRedis | null,
  ) {}

  /**
   * Liveness: the process answers, so it stays 200 while Redis is away (restarting instances would
   * not bring Redis back); the body says when it is degraded. Reads connection states, no round trip.
   */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  getHealth(): HealthDto {
    if (!this.redis && !this.socketRedis) return { status: true };
    return { status: true, redis: this.redisReady() ? 'ok' : 'degraded' };
  }

  /** Readiness of the database: a real round trip. */
  @Get('db')
  @Public()
  @ApiOkResponse({ type: StatusResponseDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto })
  async getDatabaseHealth() {
    try {
      await this.database.ping();
    } catch {
      throw new ServiceUnavailableException({ detail: 'Database is not reachable' });
    }
    return { status: true };
  }

  /** Redis connections: 503 while one is down; 200 with `configured: false` when Redis is not used. */
  @Get('redis')
  @Public()
  @ApiOkResponse({ type: RedisHealthDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto })
  getRedisHealth(): RedisHealthDto {
    if (!this.redis && !this.socketRedis) return { status: true, configured: false };
    if (!this.redisReady()) throw new ServiceUnavailableException({ detail: 'Redis is not reachable' });
    return { status: true, configured: true };
  }

  private redisReady(): boolean {
    return (this.redis?.status ?? 'ready') === 'ready' && (this.socketRedis?.ready ?? true);
  }
}
