/** Every background job: a name, one payload type, and exactly one handler (checked at start-up). */
export const JobName = {
  GenerateTitle: 'chat.generate-title',
  GenerateTags: 'chat.generate-tags',
  GenerateFollowUps: 'chat.generate-follow-ups',
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

export interface JobPayloads {
  [JobName.GenerateTitle]: ChatGenerationJob;
  [JobName.GenerateTags]: ChatGenerationJob;
  [JobName.GenerateFollowUps]: ChatGenerationJob;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;

/** Retry and dedupe policy per job, in one place. */
export const JOB_OPTIONS: Record<JobName, { attempts: number; backoffMs: number }> = {
  [JobName.GenerateTitle]: { attempts: 2, backoffMs: 1000 },
  [JobName.GenerateTags]: { attempts: 2, backoffMs: 1000 },
  [JobName.GenerateFollowUps]: { attempts: 1, backoffMs: 0 },
};
