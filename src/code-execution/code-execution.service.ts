import { Injectable } from '@nestjs/common';
import type { CodeExecutionSettings } from '../config/env-code-execution.js';
import { badRequest } from '../common/errors.js';
import { SettingsService } from '../settings/settings.service.js';
import type { CodeExecutionConfigDto } from './dto/code-execution.dto.js';

/**
 * Code execution settings (the "Run" button on code blocks, and the code interpreter). Pyodide runs
 * in the browser; Jupyter is stored and shown, but this server has no Jupyter client, so running
 * code on the server answers a 400 that says so.
 */
@Injectable()
export class CodeExecutionService {
  constructor(private readonly settings: SettingsService) {}

  config(): CodeExecutionSettings {
    return this.settings.get().codeExecution;
  }

  /** Fields the form leaves out keep their values. */
  async update(form: CodeExecutionConfigDto): Promise<CodeExecutionSettings> {
    const fields = Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined));
    await this.settings.update({ codeExecution: { ...this.config(), ...fields } });
    return this.config();
  }

  /** POST /api/v1/utils/code/execute: what the web app calls when the engine is Jupyter. */
  execute(): never {
    const settings = this.config();
    if (!settings.ENABLE_CODE_EXECUTION) {
      throw badRequest('Code execution is turned off (Admin → Settings → Code Execution).');
    }
    if (settings.CODE_EXECUTION_ENGINE === 'jupyter') {
      const where = settings.CODE_EXECUTION_JUPYTER_URL ? ` at ${settings.CODE_EXECUTION_JUPYTER_URL}` : '';
      throw badRequest(
        `Running code on Jupyter${where} is not available on this server: it has no Jupyter client yet. ` +
          'Choose Pyodide in Admin → Settings → Code Execution to run code in the browser.',
      );
    }
    // Upstream's answer for any other engine: Pyodide runs in the browser, never here.
    throw badRequest('Code execution engine not supported');
  }
}
