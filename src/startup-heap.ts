import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for the load burst, each undone once the app listens (V8 reads these flags at each
 * decision, so switching them at run time takes effect). A flag the operator set on the command line
 * is left alone.
 *
 * - Young generation: loading allocates in one burst, V8 sees most young objects survive and grows the
 *   young generation to its maximum (2 × 16 MB), which it only gives back after ~35 s of idling.
 * - Optimizing compiler: module bodies and decorators run once, yet the hottest start-up loops
 *   (metadata scans) get optimized by TurboFan on background threads; its code pages and compile zones
 *   stay resident, ~14 MB of the idle RSS, for code that never runs again. Real traffic is optimized
 *   as usual once the flag is back.
 */
const LOAD_SETTINGS: ReadonlyArray<{ flag: string; whileLoading: string; after: string }> = [
  {
    flag: '--semi-space-growth-factor',
    whileLoading: '--semi-space-growth-factor=1',
    after: '--semi-space-growth-factor=2',
  },
  { flag: '--turbofan', whileLoading: '--no-turbofan', after: '--turbofan' },
];

export function limitHeapGrowthWhileLoading(): () => void {
  const own = LOAD_SETTINGS.filter(({ flag }) => !process.execArgv.some((arg) => isSameFlag(arg, flag)));
  for (const setting of own) setFlagsFromString(setting.whileLoading);
  return () => {
    for (const setting of own) setFlagsFromString(setting.after);
  };
}

/** `--turbofan`, `--no-turbofan`, `--opt` and `--no-opt` name one flag; others match by prefix. */
function isSameFlag(arg: string, flag: string): boolean {
  const name = arg
    .replace(/^--no-/, '--')
    .split('=')[0]
    .replaceAll('_', '-');
  return flag === '--turbofan' ? name === '--turbofan' || name === '--opt' : name === flag;
}
