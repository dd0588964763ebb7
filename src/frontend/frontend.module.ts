import { Module } from '@nestjs/common';
import { FrontendController } from './frontend.controller.js';
import { FrontendService } from './frontend.service.js';

/** `/`, `/manifest.json`, `/static/*`; the SPA's own files are served by spaMiddleware (bootstrap). */
@Module({ controllers: [FrontendController], providers: [FrontendService] })
export class FrontendModule {}
