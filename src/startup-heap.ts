import { setFlagsFromString } from 'node:v8';

const FLAG = '--semi-space-growth-factor';

/**
 * Loading the app's modules allocates in one burst: V8 sees most young objects survive and grows
 * its young generation to the maximum (2 × 16 MB), which it only gives back after ~35 s of idling:
 * a fifth of the idle RSS. While the app loads, the young generation does not grow (V8 reads the
 * flag at each growth step); the returned function brings back the default growth for real
 * traffic. A factor the operator set on the command line is left alone.
 */
export function limitHeapGrowthWhileLoading(): () => void {
  if (process.execArgv.some((arg) => arg.startsWith(FLAG))) return () => undefined;
  setFlagsFromString(`${FLAG}=1`);
  return () => setFlagsFromString(`${FLAG}=2`); // V8's default
}
