/**
 * Every Socket.IO event, in both directions, typed once as the web app sends and handles it. The
 * gateway's server and sockets are parameterised with these maps, so an emit with a wrong name or
 * payload does not compile.
 */

/** The `events` envelope for one chat message, sent to room `user:{id}` (every tab of the user). */
export interface ChatEventEnvelope {
  chat_id: string;
  message_id: string;
  data: { type: string; data: unknown };
}

/** A chat list changed elsewhere (another tab, another instance): `chat_id` null means many chats. */
export interface ChatsChangedEvent {
  chat_id: string | null;
  action: 'created' | 'updated' | 'deleted';
}

/** A background job of this user advanced or ended. */
export interface JobProgressEvent {
  job_id: string;
  name: string;
  progress: number;
  state: 'active' | 'completed' | 'failed';
}

export interface ServerToClientEvents {
  events: (envelope: ChatEventEnvelope) => void;
  'chats:changed': (event: ChatsChangedEvent) => void;
  'job:progress': (event: JobProgressEvent) => void;
}

export interface AuthPayload {
  auth?: { token?: unknown };
}

export interface UsagePayload {
  action?: unknown;
  model?: unknown;
  chat_id?: unknown;
}

export interface ClientToServerEvents {
  /** Registers the socket for the token's user; acks `{id, name}` (nothing for a bad token). */
  'user-join': (payload: AuthPayload, ack?: (user?: { id: string; name: string }) => void) => void;
  /** Channels are not built yet: accepted and ignored, as the SPA emits it after creating one. */
  'join-channels': (payload: AuthPayload) => void;
  /** Sent every second while a model generates: marks the model in use for ~3 s. */
  usage: (payload: UsagePayload) => void;
  /** Keeps the socket's presence entry fresh (older clients send it; harmless). */
  heartbeat: () => void;
}

/** What the gateway remembers on each socket. */
export interface SocketData {
  user?: { id: string; name: string; role: string };
}

export const userRoom = (userId: string) => `user:${userId}`;
