import { applyDecorators, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtension, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth } from '../access/auth.decorator.js';
import { badRequest } from '../common/errors.js';
import { ErrorResponseDto } from '../common/dto/error-response.dto.js';

/*
 * Domains the web app calls during normal use that this server does not build yet: lists answer a
 * valid empty result so every page renders, writes a clear 400.
 */

const EMPTY_LIST = {
  description: 'Always empty on this server for now',
  schema: { type: 'array', items: {}, example: [] },
};
const NOT_AVAILABLE = { description: 'Not available on this server yet', type: ErrorResponseDto };

/** A write that always answers 400 for now: marked so spec checks know it has no success response. */
const NotAvailableYet = () =>
  applyDecorators(ApiBadRequestResponse(NOT_AVAILABLE), ApiExtension('x-not-available-yet', true));

const notAvailable = (what: string) => badRequest(`${what} are not available on this server yet.`);

@ApiTags('tools')
@Controller('api/v1/tools')
export class ToolsPlaceholderController {
  @Get()
  @Auth()
  @ApiOkResponse(EMPTY_LIST)
  listTools(): unknown[] {
    return [];
  }

  @Get('list')
  @Auth()
  @ApiOkResponse(EMPTY_LIST)
  listWritableTools(): unknown[] {
    return [];
  }

  @Post('create')
  @HttpCode(200)
  @Auth()
  @NotAvailableYet()
  createTool(): never {
    throw notAvailable('Tools');
  }
}

@ApiTags('functions')
@Controller('api/v1/functions')
export class FunctionsPlaceholderController {
  @Get()
  @Auth()
  @ApiOkResponse(EMPTY_LIST)
  listFunctions(): unknown[] {
    return [];
  }

  @Get('list')
  @Auth({ role: 'admin' })
  @ApiOkResponse(EMPTY_LIST)
  listAllFunctions(): unknown[] {
    return [];
  }

  @Post('create')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @NotAvailableYet()
  createFunction(): never {
    throw notAvailable('Functions');
  }
}

@ApiTags('channels')
@Controller('api/v1/channels')
export class ChannelsPlaceholderController {
  @Get()
  @Auth()
  @ApiOkResponse(EMPTY_LIST)
  listChannels(): unknown[] {
    return [];
  }

  @Post('create')
  @HttpCode(200)
  @Auth({ role: 'admin' })
  @NotAvailableYet()
  createChannel(): never {
    throw notAvailable('Channels');
  }
}

@ApiTags('notes')
@Controller('api/v1/notes')
export class NotesPlaceholderController {
  @Get()
  @Auth()
  @ApiOkResponse(EMPTY_LIST)
  listNotes(): unknown[] {
    return [];
  }

  @Get('list')
  @Auth()
  @ApiOkResponse(EMPTY_LIST)
  listNotesPage(): unknown[] {
    return [];
  }

  @Post('create')
  @HttpCode(200)
  @Auth()
  @NotAvailableYet()
  createNote(): never {
    throw notAvailable('Notes');
  }
}
