import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import type { ApiIndexDto, WebManifestDto } from './dto/frontend.dto.js';

/** Our own defaults for /static: <repo>/assets/static, found from this file (dist/src/frontend). */
const DEFAULT_STATIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../assets/static');

@Injectable()
export class FrontendService {
  /** Where /static files are looked up, first match wins: the build's own, then ours. */
  private readonly staticDirs: string[];

  constructor(@InjectConfig() private readonly config: AppConfig) {
    const build = config.frontendBuildDir;
    this.staticDirs = [...(build ? [join(build, 'static'), build] : []), DEFAULT_STATIC_DIR];
  }

  index(): ApiIndexDto {
    return {
      name: this.config.webuiName,
      version: this.config.version,
      detail: 'This is the webui-nest API. Set FRONTEND_BUILD_DIR to serve the Open WebUI web app here.',
      docs: '/docs',
      openapi: '/openapi.json',
    };
  }

  manifest(): WebManifestDto {
    const name = this.config.webuiName;
    return {
      name,
      short_name: name,
      description: `${name} is an open, extensible, user-friendly interface for AI that adapts to your workflow.`,
      start_url: '/',
      display: 'standalone',
      background_color: '#343541',
      icons: [
        { src: '/static/logo.png', type: 'image/png', sizes: '500x500', purpose: 'any' },
        { src: '/static/logo.png', type: 'image/png', sizes: '500x500', purpose: 'maskable' },
      ],
    };
  }

  /** The path of a /static file; 404 for anything else (no paths: the name is a single segment). */
  staticFile(name: string): string {
    if (name !== basename(name) || name.startsWith('.')) throw notFound();
    for (const dir of this.staticDirs) {
      const file = join(dir, name);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    throw notFound();
  }
}
