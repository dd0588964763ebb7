import { ApiProperty } from '@nestjs/swagger';
import { IsUrl, ValidateIf } from 'class-validator';
import { StringField } from '../../common/validators.js';

export class WebhookUrlDto {
  @StringField({ maxLength: 2048, example: 'https://hooks.slack.com/services/T000/B000/XXXX' })
  @ValidateIf((dto: WebhookUrlDto) => dto.url !== '')
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL, or empty to turn the webhook off' },
  )
  url: string;
}

export class WebhookUrlResponseDto {
  @ApiProperty({ example: 'https://hooks.slack.com/services/T000/B000/XXXX', description: 'Empty when off' })
  url: string;
}
