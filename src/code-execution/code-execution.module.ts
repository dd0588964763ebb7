import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module.js';
import { CodeExecutionConfigController, CodeRunController } from './code-execution.controller.js';
import { CodeExecutionService } from './code-execution.service.js';

/** Code execution settings; code itself runs in the browser (Pyodide). */
@Module({
  imports: [SettingsModule],
  controllers: [CodeExecutionConfigController, CodeRunController],
  providers: [CodeExecutionService],
})
export class CodeExecutionModule {}
