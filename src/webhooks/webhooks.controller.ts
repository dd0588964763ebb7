import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { WebhookUrlDto, WebhookUrlResponseDto } from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

/** The admins' webhook URL; Admin → Settings → General saves it before the rest of the page. */
@ApiTags('configs')
@Controller('api/webhook')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: WebhookUrlResponseDto })
  getWebhookUrl() {
    return this.webhooks.url();
  }

  @Post()
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: WebhookUrlResponseDto })
  updateWebhookUrl(@Body() body: WebhookUrlDto) {
    return this.webhooks.setUrl(body.url);
  }
}
