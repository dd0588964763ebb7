// Synthetic chats for the chats benchmark: Open WebUI-shaped JSON with repeatable, varied content.
// Every chat gets its own PRNG seeded from (bench seed, owner, index), so a chat's content does not
// depend on batch size, concurrency or generation order, and two runs store the same bytes.

/** Planted in a known fraction of chats (message content only, never the title) so search has real hits. */
export const RARE_WORD = 'vrindlemoss';
/** Appears nowhere: a search for it must look at every chat of the user and return nothing. */
export const ABSENT_WORD = 'qwxzplorb';
/** A vocabulary word; with ~3,500 words drawn per 50-message chat it occurs in practically every chat. */
export const COMMON_WORD = 'database';
/** One chat in PLANT_EVERY carries RARE_WORD. 1% gives 100 hits at 10,000 chats: more than one page (60). */
export const PLANT_EVERY = 100;

const VOCABULARY = `
  the a an and or but if then when while because so that this these those it its we you they he she
  is are was were be been being have has had do does did can could should would will may might must
  not no yes all some any each every many much more most few less least other another same such
  about above across after against along among around before behind below between beyond during
  from into near over through toward under until upon within without of to in on at by for with
  database query index table column schema migration transaction commit rollback cursor page cache
  server client request response header payload token session cookie login password account user
  group role permission policy admin model prompt message reply thread history context window
  latency throughput memory buffer stream socket connection timeout retry backoff queue worker job
  function method class object array string number boolean value field record document file folder
  build deploy release version branch merge review test suite case fixture mock error warning log
  metric trace span event handler listener callback promise async await loop iterator generator
  network router gateway proxy balancer cluster node container image volume secret config option
  search filter sort order limit offset range window partition shard replica backup restore
  python typescript javascript rust golang java kotlin swift sql json yaml markdown html css shell
  explain describe compare summarize translate rewrite improve optimize refactor debug profile
  quickly slowly carefully clearly simply roughly exactly usually often rarely always never maybe
  small large fast slow simple complex clean messy stable flaky modern legacy remote local global
  first second third last next previous early late new old good bad better worse best worst
  garden river mountain coffee weather travel recipe music history science language story poem
  morning evening weekend holiday project meeting deadline budget team manager customer invoice
  apple orange bread cheese kitchen window table chair lamp bicycle train airport ticket hotel
  think know want need try use make take give find tell ask show work call keep start stop change
  help write read run open close send receive store load save create update delete insert select
`
  .trim()
  .split(/\s+/);

// A vocabulary word containing a probe word would make the expected hit counts wrong.
for (const word of VOCABULARY) {
  if (word.includes(RARE_WORD) || word.includes(ABSENT_WORD)) throw new Error(`vocabulary clash: ${word}`);
}
if (!VOCABULARY.includes(COMMON_WORD)) throw new Error(`${COMMON_WORD} must be a vocabulary word`);

export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for text; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integers into one 32-bit seed (FNV-1a over their bytes), so nearby inputs give unrelated streams. */
export function seedOf(...parts: number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (part >>> shift) & 0xff;
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash >>> 0;
}

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const word = (rng: Rng) => VOCABULARY[Math.floor(rng() * VOCABULARY.length)];

/** A v4-formatted UUID from the PRNG (crypto.randomUUID would make runs differ). */
export function uuid(rng: Rng): string {
  const hex = (bits: number) =>
    Math.floor(rng() * 2 ** bits)
      .toString(16)
      .padStart(bits / 4, '0');
  const variant = (8 + Math.floor(rng() * 4)).toString(16);
  return `${hex(32)}-${hex(16)}-4${hex(12)}-${variant}${hex(12)}-${hex(24)}${hex(24)}`;
}

function sentence(rng: Rng): string {
  const words: string[] = [];
  for (let i = int(rng, 6, 16); i > 0; i--) words.push(word(rng));
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + (rng() < 0.15 ? '?' : '.');
}

/**
 * 300–600 characters of prose. Assistant replies sometimes carry a list or a code block, so the JSON
 * has newlines, quotes and backticks to escape like real chats do.
 */
export function messageText(rng: Rng, role: 'user' | 'assistant', plant?: string): string {
  const target = int(rng, 300, 600);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const roll = rng();
    let part: string;
    if (role === 'assistant' && roll < 0.08) {
      part = `\`\`\`ts\nconst ${word(rng)} = await ${word(rng)}("${word(rng)}", { ${word(rng)}: ${int(rng, 1, 999)} });\n\`\`\``;
    } else if (role === 'assistant' && roll < 0.16) {
      part = `- ${sentence(rng)}\n- ${sentence(rng)}`;
    } else {
      part = sentence(rng);
    }
    // Past the minimum, a part that would overshoot 600 ends the text instead.
    if (length >= 300 && length + part.length > 600) break;
    parts.push(part);
    length += part.length + 2;
  }
  if (plant !== undefined) {
    // Mid-text, as a plain word: a search must look inside content, not only at its start.
    const at = Math.floor(parts.length / 2);
    parts[at] = `${parts[at].slice(0, -1)} ${plant}.`;
  }
  return parts.join(rng() < 0.3 ? '\n\n' : ' ');
}

export interface ChatMessage {
  id: string;
  parentId: string | null;
  childrenIds: string[];
  role: 'user' | 'assistant';
  content: string;
  /** Seconds, as Open WebUI stores message timestamps. */
  timestamp: number;
  models?: string[];
  model?: string;
  modelName?: string;
  modelIdx?: number;
  done?: boolean;
}

export interface ChatBody {
  id: '';
  title: string;
  models: string[];
  params: Record<string, never>;
  history: { messages: Record<string, ChatMessage>; currentId: string | null };
  /** The same message objects as a root → current array, as the Open WebUI frontend sends them. */
  messages: ChatMessage[];
  tags: string[];
  /** Milliseconds. */
  timestamp: number;
  files: never[];
}

/** One element of POST /api/v1/chats/import's `chats`. */
export interface ImportItem {
  chat: ChatBody;
  folder_id: null;
  meta: Record<string, never>;
  pinned: false;
  created_at: number;
  updated_at: number;
}

const MODEL = 'gpt-4o';

export interface ChatSpec {
  seed: number;
  messages: number;
  /** Epoch seconds of the first message. */
  createdAt: number;
  plant?: string;
}

/** A linear user/assistant chain of `messages` messages, with history and the array view in sync. */
export function makeChat(spec: ChatSpec): ImportItem {
  const rng = mulberry32(spec.seed);
  const plantAt = Math.floor(spec.messages / 2);
  const list: ChatMessage[] = [];
  const byId: Record<string, ChatMessage> = {};
  let timestamp = spec.createdAt;
  for (let i = 0; i < spec.messages; i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    const parent = list.at(-1);
    const message: ChatMessage = {
      id: uuid(rng),
      parentId: parent?.id ?? null,
      childrenIds: [],
      role,
      content: messageText(rng, role, i === plantAt ? spec.plant : undefined),
      timestamp,
      ...(role === 'user' ? { models: [MODEL] } : { model: MODEL, modelName: 'GPT-4o', modelIdx: 0, done: true }),
    };
    parent?.childrenIds.push(message.id);
    list.push(message);
    byId[message.id] = message;
    timestamp += int(rng, 5, 120);
  }
  const titleWords: string[] = [];
  for (let i = int(rng, 3, 7); i > 0; i--) titleWords.push(word(rng));
  const title = titleWords.join(' ');
  return {
    chat: {
      id: '',
      title: title[0].toUpperCase() + title.slice(1),
      models: [MODEL],
      params: {},
      history: { messages: byId, currentId: list.at(-1)?.id ?? null },
      messages: list,
      tags: [],
      timestamp: spec.createdAt * 1000,
      files: [],
    },
    folder_id: null,
    meta: {},
    pinned: false,
    created_at: spec.createdAt,
    updated_at: timestamp,
  };
}
