// Code execution (the "Run" button on code blocks) and the code interpreter, with Open WebUI's names.
import type { EnvReader } from './env-parsers.js';

/** Pyodide runs in the browser; Jupyter would be a server this backend calls (it does not yet). */
export const CODE_ENGINES = ['pyodide', 'jupyter'] as const;
export type CodeEngine = (typeof CODE_ENGINES)[number];

/** Admin → Settings → Code Execution, keyed as upstream's CodeInterpreterConfigForm. */
export interface CodeExecutionSettings {
  ENABLE_CODE_EXECUTION: boolean;
  CODE_EXECUTION_ENGINE: CodeEngine;
  CODE_EXECUTION_JUPYTER_URL: string | null;
  /** '', 'token' or 'password'. */
  CODE_EXECUTION_JUPYTER_AUTH: string | null;
  CODE_EXECUTION_JUPYTER_AUTH_TOKEN: string | null;
  CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: string | null;
  CODE_EXECUTION_JUPYTER_TIMEOUT: number | null;
  ENABLE_CODE_INTERPRETER: boolean;
  CODE_INTERPRETER_ENGINE: CodeEngine;
  /** Empty: the built-in prompt. */
  CODE_INTERPRETER_PROMPT_TEMPLATE: string | null;
  CODE_INTERPRETER_JUPYTER_URL: string | null;
  CODE_INTERPRETER_JUPYTER_AUTH: string | null;
  CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: string | null;
  CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: string | null;
  CODE_INTERPRETER_JUPYTER_TIMEOUT: number | null;
}

export function readCodeExecution(read: EnvReader): CodeExecutionSettings {
  const jupyter = (prefix: 'CODE_EXECUTION' | 'CODE_INTERPRETER') => {
    // The interpreter's Jupyter settings fall back to code execution's, as upstream.
    const name = (suffix: string) =>
      prefix === 'CODE_INTERPRETER' ? [`${prefix}_${suffix}`, `CODE_EXECUTION_${suffix}`] : [`${prefix}_${suffix}`];
    const timeoutName = name('JUPYTER_TIMEOUT').find((each) => read.raw(each) !== undefined);
    return {
      url: read.string(name('JUPYTER_URL'), ''),
      auth: read.string(name('JUPYTER_AUTH'), ''),
      token: read.string(name('JUPYTER_AUTH_TOKEN'), ''),
      password: read.string(name('JUPYTER_AUTH_PASSWORD'), ''),
      timeout: timeoutName ? read.int(timeoutName, 60, { min: 1, max: 86_400 }) : 60,
    };
  };
  const execution = jupyter('CODE_EXECUTION');
  const interpreter = jupyter('CODE_INTERPRETER');
  return {
    ENABLE_CODE_EXECUTION: read.bool('ENABLE_CODE_EXECUTION', true),
    CODE_EXECUTION_ENGINE: read.oneOf('CODE_EXECUTION_ENGINE', CODE_ENGINES, 'pyodide'),
    CODE_EXECUTION_JUPYTER_URL: execution.url,
    CODE_EXECUTION_JUPYTER_AUTH: execution.auth,
    CODE_EXECUTION_JUPYTER_AUTH_TOKEN: execution.token,
    CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: execution.password,
    CODE_EXECUTION_JUPYTER_TIMEOUT: execution.timeout,
    ENABLE_CODE_INTERPRETER: read.bool('ENABLE_CODE_INTERPRETER', true),
    CODE_INTERPRETER_ENGINE: read.oneOf('CODE_INTERPRETER_ENGINE', CODE_ENGINES, 'pyodide'),
    CODE_INTERPRETER_PROMPT_TEMPLATE: read.string('CODE_INTERPRETER_PROMPT_TEMPLATE', ''),
    CODE_INTERPRETER_JUPYTER_URL: interpreter.url,
    CODE_INTERPRETER_JUPYTER_AUTH: interpreter.auth,
    CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: interpreter.token,
    CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: interpreter.password,
    CODE_INTERPRETER_JUPYTER_TIMEOUT: interpreter.timeout,
  };
}
