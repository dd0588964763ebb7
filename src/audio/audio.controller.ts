import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiExtension, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';
import { AudioService } from './audio.service.js';
import { AudioConfigDto, AudioModelsDto, AudioVoicesDto, SpeechRequestDto } from './dto/audio.dto.js';

const NOT_RUN = { description: 'Always: the detail names the engine this server does not run', type: ErrorResponseDto };

/** `/api/v1/audio`: Admin → Settings → Audio, and the speech routes the web app calls. */
@ApiTags('audio')
@Controller('api/v1/audio')
export class AudioController {
  constructor(private readonly audio: AudioService) {}

  @Get('config')
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: AudioConfigDto })
  getAudioConfig() {
    return this.audio.config();
  }

  @Post('config/update')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @ApiOkResponse({ type: AudioConfigDto })
  updateAudioConfig(@Body() body: AudioConfigDto) {
    return this.audio.update(body);
  }

  /** The text-to-speech engine's models, for the admin page's model picker. */
  @Get('models')
  @Auth()
  @ApiOkResponse({ type: AudioModelsDto })
  listAudioModels(): AudioModelsDto {
    return this.audio.models();
  }

  @Get('voices')
  @Auth()
  @ApiOkResponse({ type: AudioVoicesDto })
  listAudioVoices(): AudioVoicesDto {
    return this.audio.voices();
  }

  @Post('speech')
  @HttpCode(200)
  @Auth()
  @ApiBadRequestResponse(NOT_RUN)
  @ApiExtension('x-not-available-yet', true)
  synthesizeSpeech(@Body() _body: SpeechRequestDto): never {
    return this.audio.speech();
  }

  /** Refused before the upload is read: no engine would take it. */
  @Post('transcriptions')
  @HttpCode(200)
  @Auth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, language: { type: 'string', example: 'en' } },
    },
  })
  @ApiBadRequestResponse(NOT_RUN)
  @ApiExtension('x-not-available-yet', true)
  transcribeAudio(): never {
    return this.audio.transcribe();
  }
}
