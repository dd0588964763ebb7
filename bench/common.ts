// Pieces every benchmark shares: bounded integer settings from the environment, and a main runner
// that never leaves child processes behind.

export function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer in [${min}, ${max}] (got ${raw})`);
  }
  return value;
}

/** Runs `main`; `cleanup` (kill children, remove temp dirs) runs on exit and on SIGINT/SIGTERM. */
export function runMain(main: () => Promise<void>, cleanup: () => void): void {
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
