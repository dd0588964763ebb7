import type { Role } from '../config/app-config.js';

/**
 * Domain events services emit; listeners (realtime gateway, queues, other domains) react to them,
 * so a service never calls those directly.
 */
export const DomainEvent = {
  UserDeleted: 'user.deleted',
  /** Someone signed up (not an account an admin added): the webhook tells the admins. */
  UserSignedUp: 'user.signed_up',
  ChatCreated: 'chat.created',
  ChatUpdated: 'chat.updated',
  ChatDeleted: 'chat.deleted',
  ChatMessageEvent: 'chat.message.event',
  /** Emitted (awaited) before a folder subtree is deleted: the chats domain deletes or moves their chats. */
  FoldersDeleting: 'folders.deleting',
  /** An `events` message for the user's tabs, in the web app's envelope: `{chat_id, message_id, data:{type, data}}`. */
  ChatCompletionEvent: 'chat.completion.event',
  /** A background job of a user's advanced (0–100) or ended; the gateway tells the user's tabs. */
  JobProgress: 'job.progress',
  /** Emitted (awaited) before file rows go: the retrieval domain drops their indexes. */
  FilesDeleted: 'files.deleted',
  /** Emitted (awaited) before a knowledge base goes: the models domain drops it from every `meta.knowledge`. */
  KnowledgeDeleted: 'knowledge.deleted',
  /** A task whose instance died without ending it, claimed by this instance: its message must be finished. */
  TaskOrphaned: 'task.orphaned',
  /** A socket joined its user's room (a new tab, or a reconnect): running answers send their text so far. */
  UserSocketJoined: 'user.socket_joined',
} as const;

export type DomainEventName = (typeof DomainEvent)[keyof typeof DomainEvent];

/** chatId null: many chats changed at once (import, archive all, delete all). */
export interface ChatEventPayload {
  userId: string;
  chatId: string | null;
}

export interface DomainEventPayloads {
  [DomainEvent.UserDeleted]: { userId: string };
  [DomainEvent.TaskOrphaned]: { taskId: string; ownerId: string; chatId: string | null; messageId: string | null };
  [DomainEvent.UserSocketJoined]: { userId: string };
  [DomainEvent.UserSignedUp]: { user: { id: string; name: string; email: string; role: Role; created_at: number } };
  [DomainEvent.ChatCreated]: ChatEventPayload;
  [DomainEvent.ChatUpdated]: ChatEventPayload;
  [DomainEvent.ChatDeleted]: ChatEventPayload;
  [DomainEvent.FoldersDeleting]: {
    user: { id: string; role: Role };
    /** The folder the user deleted; `folderIds` is it and every folder below it. */
    folderId: string;
    folderIds: string[];
    /** false: the chats move to the root instead. */
    deleteContents: boolean;
  };
  [DomainEvent.ChatMessageEvent]: { userId: string; chatId: string; messageId: string; type: string; data: unknown };
  [DomainEvent.ChatCompletionEvent]: {
    userId: string;
    chatId: string;
    messageId: string;
    data: { type: string; data: unknown };
  };
  [DomainEvent.JobProgress]: {
    userId: string;
    jobId: string;
    name: string;
    progress: number;
    state: 'active' | 'completed' | 'failed';
  };
  [DomainEvent.FilesDeleted]: { fileIds: string[] };
  [DomainEvent.KnowledgeDeleted]: { knowledgeId: string };
}
