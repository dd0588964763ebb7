import { applyV8FlagSettings, type V8FlagSetting } from './common/v8-flag-settings.js';

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
const LOAD_SETTINGS: ReadonlyArray<V8FlagSetting> = [
  {
    flag: '--semi-space-growth-factor',
    during: '--semi-space-growth-factor=1',
    after: '--semi-space-growth-factor=2',
  },
  { flag: '--turbofan', during: '--no-turbofan', after: '--turbofan' },
];

export function limitHeapGrowthWhileLoading(): () => void {
  return applyV8FlagSettings(LOAD_SETTINGS);
}
