import { setFlagsFromString } from 'node:v8';

/** A V8 flag set for a while (`during`), then set back (`after`); V8 reads these at each decision. */
export interface V8FlagSetting {
  flag: string;
  during: string;
  after: string;
}

/**
 * Sets each flag to its `during` value and returns what sets them back. A flag the operator gave on
 * the command line is left alone, both ways.
 */
export function applyV8FlagSettings(settings: ReadonlyArray<V8FlagSetting>): () => void {
  const own = settings.filter(({ flag }) => !process.execArgv.some((arg) => isSameFlag(arg, flag)));
  for (const setting of own) setFlagsFromString(setting.during);
  return () => {
    for (const setting of own) setFlagsFromString(setting.after);
  };
}

/** `--turbofan`, `--no-turbofan`, `--opt` and `--no-opt` name one flag; others match by name. */
function isSameFlag(arg: string, flag: string): boolean {
  const name = arg
    .replace(/^--no-/, '--')
    .split('=')[0]
    .replaceAll('_', '-');
  return flag === '--turbofan' ? name === '--turbofan' || name === '--opt' : name === flag;
}
