import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtension, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import type { ImageSettings } from '../config/env-images.js';
import { CreateImageDto, ImageModelDto, ImagesConfigDto } from './dto/images.dto.js';
import { ImagesService } from './images.service.js';

const REFUSED = { description: 'The detail names what is missing', type: ErrorResponseDto };

/** `/api/v1/images`: Admin → Settings → Images, and the chat's image generation. */
@ApiTags('images')
@Controller('api/v1/images')
export class ImagesController {
  constructor(private readonly images: ImagesService) {}

  @Get('config')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ImagesConfigDto })
  getImagesConfig(): ImageSettings {
    return this.images.config();
  }

  @Post('config/update')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: ImagesConfigDto })
  @ApiBadRequestResponse({ description: 'IMAGE_SIZE or IMAGE_STEPS in the wrong format', type: ErrorResponseDto })
  updateImagesConfig(@Body() body: ImagesConfigDto): Promise<ImageSettings> {
    return this.images.update(body);
  }

  @Get('config/url/verify')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ schema: { type: 'boolean', example: true } })
  @ApiBadRequestResponse(REFUSED)
  verifyImagesUrl(): true {
    return this.images.verifyUrl();
  }

  @Get('models')
  @Auth()
  @ApiOkResponse({ type: [ImageModelDto] })
  listImageModels(): ImageModelDto[] {
    return this.images.models();
  }

  @Post('generations')
  @HttpCode(200)
  @Auth()
  @ApiBadRequestResponse(REFUSED)
  @ApiExtension('x-not-available-yet', true)
  generateImages(@Body() _body: CreateImageDto): never {
    return this.images.generate();
  }
}
