import { ApiProperty } from '@nestjs/swagger';

export class ApiIndexDto {
  @ApiProperty({ example: 'Open WebUI' })
  name!: string;

  @ApiProperty({ example: '0.6.40' })
  version!: string;

  @ApiProperty({ example: 'This is the webui-nest API. Set FRONTEND_BUILD_DIR to serve the Open WebUI web app here.' })
  detail!: string;

  @ApiProperty({ example: '/docs' })
  docs!: string;

  @ApiProperty({ example: '/openapi.json' })
  openapi!: string;
}

export class ManifestIconDto {
  @ApiProperty({ example: '/static/logo.png' })
  src!: string;

  @ApiProperty({ example: 'image/png' })
  type!: string;

  @ApiProperty({ example: '500x500' })
  sizes!: string;

  @ApiProperty({ example: 'any' })
  purpose!: string;
}

export class WebManifestDto {
  @ApiProperty({ example: 'Open WebUI' })
  name!: string;

  @ApiProperty({ example: 'Open WebUI' })
  short_name!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ example: '/' })
  start_url!: string;

  @ApiProperty({ example: 'standalone' })
  display!: string;

  @ApiProperty({ example: '#343541' })
  background_color!: string;

  @ApiProperty({ type: [ManifestIconDto] })
  icons!: ManifestIconDto[];
}
