import { applyDecorators } from '@nestjs/common';
import { IsIn } from 'class-validator';
import { CODE_ENGINES, type CodeEngine } from '../../config/env-code-execution.js';
import { BoolField, EnumField, IntField, StringField } from '../../common/validators.js';

const JUPYTER_AUTH = ['', 'token', 'password'];

/** How the server would sign in to Jupyter: none (''), a token or a password. */
const JupyterAuthField = () =>
  applyDecorators(
    StringField({
      optional: true,
      nullable: true,
      maxLength: 16,
      example: 'token',
      description: "'', token or password",
    }),
    IsIn(JUPYTER_AUTH, { message: '$property must be one of: (empty), token, password' }),
  );

/** Admin → Settings → Code Execution, keyed as upstream's CodeInterpreterConfigForm. */
export class CodeExecutionConfigDto {
  @BoolField({ example: true }) ENABLE_CODE_EXECUTION!: boolean;
  @EnumField(CODE_ENGINES, 'CodeEngine', { example: 'pyodide' }) CODE_EXECUTION_ENGINE!: CodeEngine;
  @StringField({ optional: true, nullable: true, maxLength: 2048, example: 'http://jupyter:8888' })
  CODE_EXECUTION_JUPYTER_URL?: string | null;
  @JupyterAuthField() CODE_EXECUTION_JUPYTER_AUTH?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 4096, example: '' })
  CODE_EXECUTION_JUPYTER_AUTH_TOKEN?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 4096, example: '' })
  CODE_EXECUTION_JUPYTER_AUTH_PASSWORD?: string | null;
  @IntField({ optional: true, nullable: true, min: 1, max: 86_400, example: 60 })
  CODE_EXECUTION_JUPYTER_TIMEOUT?: number | null;
  @BoolField({ example: true }) ENABLE_CODE_INTERPRETER!: boolean;
  @EnumField(CODE_ENGINES, 'CodeEngine', { example: 'pyodide' }) CODE_INTERPRETER_ENGINE!: CodeEngine;
  @StringField({ optional: true, nullable: true, maxLength: 100_000, example: '' })
  CODE_INTERPRETER_PROMPT_TEMPLATE?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 2048, example: 'http://jupyter:8888' })
  CODE_INTERPRETER_JUPYTER_URL?: string | null;
  @JupyterAuthField() CODE_INTERPRETER_JUPYTER_AUTH?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 4096, example: '' })
  CODE_INTERPRETER_JUPYTER_AUTH_TOKEN?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 4096, example: '' })
  CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD?: string | null;
  @IntField({ optional: true, nullable: true, min: 1, max: 86_400, example: 60 })
  CODE_INTERPRETER_JUPYTER_TIMEOUT?: number | null;
}

export class ExecuteCodeDto {
  @StringField({ maxLength: 1_000_000, example: 'print(6 * 7)' }) code!: string;
}
