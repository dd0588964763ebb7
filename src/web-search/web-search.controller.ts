import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { WebSearchDto, WebSearchResultDto } from './dto/web-search.dto.js';
import { WebSearchService } from './web-search.service.js';

/** `POST /api/v1/retrieval/process/web/search` (the retrieval routes' web search). */
@ApiTags('retrieval')
@Controller('api/v1/retrieval')
export class WebSearchController {
  constructor(private readonly webSearch: WebSearchService) {}

  @Post('process/web/search')
  @HttpCode(200)
  @Auth({ scope: 'files:write' })
  @ApiOperation({
    summary: 'Search the web and keep the result pages as files of the caller',
    description:
      'Needs web search on and the `features.web_search` permission; an engine this server does not run, or ' +
      'one whose settings are missing, is a 400 naming what is missing.',
  })
  @ApiOkResponse({ type: WebSearchResultDto })
  processWebSearch(@Caller() { user }: AuthContext, @Body() body: WebSearchDto) {
    return this.webSearch.searchForUser(user, body.queries);
  }
}
