import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { UsageDto } from './dto/usage.dto.js';
import { PresenceService } from '../presence/presence.service.js';

@ApiTags('meta')
@Controller('api')
export class UsageController {
  constructor(private readonly presence: PresenceService) {}

  /** Models generating right now and users with a connected socket (the user menu). */
  @Get('usage')
  @Auth({ scope: 'users:read' })
  @ApiOkResponse({ type: UsageDto })
  async getUsage(): Promise<UsageDto> {
    const [modelIds, userIds] = await Promise.all([this.presence.modelsInUse(), this.presence.activeUserIds()]);
    return { model_ids: modelIds, user_ids: userIds };
  }
}
