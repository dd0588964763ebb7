import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { ToolServersController } from './tool-servers.controller.js';
import { ToolServersService } from './tool-servers.service.js';

/** OpenAPI tool servers (Admin → Settings → External Tools): stored and verified, not called by chats yet. */
@Module({
  imports: [SettingsModule],
  controllers: [ToolServersController],
  providers: [ToolServersService],
})
export class ToolServersModule {}
