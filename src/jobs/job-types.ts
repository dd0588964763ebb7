/** Every background job: a name, one payload type, and exactly one handler (checked at start-up). */
export const JobName = {
  GenerateTitle: 'chat.generate-title',
  GenerateTags: 'chat.generate-tags',
  GenerateFollowUps: 'chat.generate-follow-ups',
  ProcessFile: 'file.process',
  ReembedChunks: 'retrieval.reembed',
  ReindexKnowledge: 'knowledge.reindex',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** What the chat generation jobs need: whose chat, which answer, and the conversation so far. */
export interface ChatGenerationJob {
  userId: string;
  chatId: string;
  messageId: string;
  model: string;
  messages: { role: string; content: unknown }[];
}

/** Extract, chunk and index an uploaded file; `content` replaces the extracted text (an edit). */
export interface ProcessFileJob {
  userId: string;
  fileId: string;
  content?: string;
}

/** Give every chunk a vector in the embedding space (the model changed); `userId` hears the progress. */
export interface ReembedChunksJob {
  spaceId: number;
  userId?: string;
}

/** Index every knowledge base's files again (after a chunking or embedding change); `userId` hears the progress. */
export interface ReindexKnowledgeJob {
  userId: string;
}

export interface JobPayloads {
  [JobName.GenerateTitle]: ChatGenerationJob;
  [JobName.GenerateTags]: ChatGenerationJob;
  [JobName.GenerateFollowUps]: ChatGenerationJob;
  [JobName.ProcessFile]: ProcessFileJob;
  [JobName.ReembedChunks]: ReembedChunksJob;
  [JobName.ReindexKnowledge]: ReindexKnowledgeJob;
}

/** What a running job knows about itself; `progress` reaches the user's tabs (0–100). */
export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  progress(percent: number): Promise<void>;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<void>;

export interface JobOptions {
  attempts: number;
  /** Wait before the next attempt: `backoffMs` each time (fixed) or doubling from it (exponential). */
  backoff: 'fixed' | 'exponential';
  backoffMs: number;
}

/** Retry policy per job, in one place; both queue implementations read it. */
export const JOB_OPTIONS: Record<JobName, JobOptions> = {
  [JobName.GenerateTitle]: { attempts: 2, backoff: 'exponential', backoffMs: 1000 },
  [JobName.GenerateTags]: { attempts: 2, backoff: 'exponential', backoffMs: 1000 },
  [JobName.GenerateFollowUps]: { attempts: 1, backoff: 'fixed', backoffMs: 0 },
  // A file that cannot be read fails at once (the handler marks it failed); retries are for
  // passing trouble such as an embedding provider that is briefly down.
  [JobName.ProcessFile]: { attempts: 3, backoff: 'exponential', backoffMs: 2000 },
  // Each attempt goes on where the last one stopped (chunks without a vector); the provider may be down a while.
  [JobName.ReembedChunks]: { attempts: 5, backoff: 'exponential', backoffMs: 5000 },
  // Each attempt indexes everything again (a file that fails is logged, not retried on its own).
  [JobName.ReindexKnowledge]: { attempts: 2, backoff: 'exponential', backoffMs: 5000 },
};

/** The wait after failed attempt `attempt` (1-based), computed as BullMQ's built-in strategies do. */
export function backoffDelay({ backoff, backoffMs }: JobOptions, attempt: number): number {
  return backoff === 'fixed' ? backoffMs : backoffMs * 2 ** (attempt - 1);
}
