// Settings of the chats benchmark: paths, env overrides (documented in run.ts) and the targets.
export { SERVER_ENTRY } from '../common.js';
import { ABSENT_WORD, COMMON_WORD, PLANT_EVERY, RARE_WORD } from './corpus.js';
import { intEnv } from '../common.js';

/** Everything that shapes a run; written into the result file as is. */
export const config = {
  chats: intEnv('BENCH_CHATS', 10_000, 1, 1_000_000),
  messagesPerChat: intEnv('BENCH_MESSAGES', 50, 2, 10_000),
  otherUsers: intEnv('BENCH_OTHER_USERS', 10, 0, 100),
  // 200, not more: the server seeds ~40-60 chats/s here, and 10 x 500 pushed seeding past 6 minutes.
  otherChats: intEnv('BENCH_OTHER_CHATS', 200, 0, 100_000),
  batch: intEnv('BENCH_BATCH', 100, 1, 1000),
  durationSeconds: intEnv('BENCH_DURATION', 10, 1, 300),
  rounds: intEnv('BENCH_ROUNDS', 2, 1, 20),
  warmupSeconds: intEnv('BENCH_WARMUP', 2, 0, 60),
  connections: intEnv('BENCH_CONNECTIONS', 10, 1, 256),
  c1DurationSeconds: intEnv('BENCH_C1_DURATION', 5, 0, 300),
  appends: intEnv('BENCH_APPENDS', 100, 1, 10_000),
  appendWarmup: intEnv('BENCH_APPEND_WARMUP', 10, 0, 1000),
  seed: intEnv('BENCH_SEED', 1, 0, 2 ** 31),
  rareWord: RARE_WORD,
  commonWord: COMMON_WORD,
  absentWord: ABSENT_WORD,
  plantEvery: PLANT_EVERY,
};

// The targets. The append sizes are fixed by the target's wording, not configurable.
export const LIST_P50_MS = 15;
export const SEARCH_P50_MS = 50;
/** Issue 14: a word in every chat of every user, at 600k messages (the defaults), one connection. */
export const SEARCH_COMMON_P50_MS = 20;
export const APPEND_RATIO = 3;
export const SMALL_CHAT = 10;
export const LARGE_CHAT = 1000;
