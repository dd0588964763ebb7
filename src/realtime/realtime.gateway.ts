import { Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AuthenticatorService } from '../auth/authenticator.service.js';
import { EventBus } from '../events/event-bus.js';
import { DomainEvent, type DomainEventPayloads } from '../events/domain-events.js';
import { PresenceService } from '../presence/presence.service.js';
import {
  type AuthPayload,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
  type UsagePayload,
  userRoom,
} from './realtime-events.js';

/** No server-to-server events (the Redis adapter's own traffic is untyped). */
type NoEvents = Record<string, never>;
type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, NoEvents, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoEvents, SocketData>;
type Payload<E extends keyof DomainEventPayloads> = DomainEventPayloads[E];

/**
 * The Socket.IO side of the web app's protocol: identifies sockets with the HTTP credential
 * code, keeps the pools, and forwards domain events to the user's room. Connections are never
 * refused: an anonymous socket just joins no room. With the Redis adapter, an emit here reaches
 * the user's sockets on every instance.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() private readonly server!: RealtimeServer;

  constructor(
    private readonly authenticator: AuthenticatorService,
    private readonly presence: PresenceService,
    private readonly events: EventBus,
  ) {}

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    await this.register(socket, (socket.handshake.auth as AuthPayload['auth'])?.token);
  }

  async handleDisconnect(socket: RealtimeSocket): Promise<void> {
    await this.presence.disconnect(socket.id);
  }

  /**
   * Acknowledged when the client asks: `{id, name}`, or no data for a bad token (as python-socketio
   * answers None). The web app emits it without a callback, so there is often nothing to call.
   */
  @SubscribeMessage('user-join')
  async userJoin(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
    @Ack() ack: ((user?: { id: string; name: string }) => void) | undefined,
  ): Promise<void> {
    const user = await this.register(socket, (payload as AuthPayload | null)?.auth?.token);
    if (typeof ack === 'function') ack(user ? { id: user.id, name: user.name } : undefined);
  }

  @SubscribeMessage('join-channels')
  joinChannels(): void {
    // Channels are not built yet; there is nothing to join.
  }

  @SubscribeMessage('usage')
  async usage(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() payload: unknown): Promise<void> {
    const model = (payload as UsagePayload | null)?.model;
    if (typeof model === 'string' && model !== '') await this.presence.touchUsage(socket.id, model);
  }

  @SubscribeMessage('heartbeat')
  async heartbeat(@ConnectedSocket() socket: RealtimeSocket): Promise<void> {
    if (socket.data.user) await this.presence.connect(socket.id, socket.data.user.id);
  }

  @OnEvent(DomainEvent.ChatCompletionEvent)
  forwardChatEvent({ userId, chatId, messageId, data }: Payload<typeof DomainEvent.ChatCompletionEvent>): void {
    this.toUser(userId).emit('events', { chat_id: chatId, message_id: messageId, data });
  }

  @OnEvent(DomainEvent.ChatMessageEvent)
  forwardMessageEvent({ userId, chatId, messageId, type, data }: Payload<typeof DomainEvent.ChatMessageEvent>): void {
    this.toUser(userId).emit('events', { chat_id: chatId, message_id: messageId, data: { type, data } });
  }

  @OnEvent(DomainEvent.ChatCreated)
  chatCreated({ userId, chatId }: Payload<typeof DomainEvent.ChatCreated>): void {
    this.toUser(userId).emit('chats:changed', { chat_id: chatId, action: 'created' });
  }

  @OnEvent(DomainEvent.ChatUpdated)
  chatUpdated({ userId, chatId }: Payload<typeof DomainEvent.ChatUpdated>): void {
    this.toUser(userId).emit('chats:changed', { chat_id: chatId, action: 'updated' });
  }

  @OnEvent(DomainEvent.ChatDeleted)
  chatDeleted({ userId, chatId }: Payload<typeof DomainEvent.ChatDeleted>): void {
    this.toUser(userId).emit('chats:changed', { chat_id: chatId, action: 'deleted' });
  }

  @OnEvent(DomainEvent.JobProgress)
  jobProgress({ userId, jobId, name, progress, state }: Payload<typeof DomainEvent.JobProgress>): void {
    this.toUser(userId).emit('job:progress', { job_id: jobId, name, progress, state });
  }

  private toUser(userId: string) {
    return this.server.to(userRoom(userId));
  }

  /** Handshake and `user-join`: a valid session token puts the socket in its user's room. */
  private async register(socket: RealtimeSocket, token: unknown): Promise<SocketData['user']> {
    try {
      const context = await this.authenticator.authenticateSocket(token);
      // The client may have left while we checked: a gone socket must not join or count as online.
      if (!context || socket.disconnected) return undefined;
      const { id, name, role } = context.user;
      const previous = socket.data.user;
      if (previous && previous.id !== id) await socket.leave(userRoom(previous.id));
      socket.data.user = { id, name, role };
      await socket.join(userRoom(id));
      await this.presence.connect(socket.id, id);
      if (socket.disconnected) {
        await this.presence.disconnect(socket.id);
        return undefined;
      }
      // A new tab or a reconnect (not the user-join that follows a handshake): answers streaming for
      // this user send their text so far.
      if (previous?.id !== id) this.events.emit(DomainEvent.UserSocketJoined, { userId: id });
      return socket.data.user;
    } catch (error) {
      // A database hiccup must not kill the socket handler; the client can emit user-join again.
      this.logger.warn(`socket registration failed: ${(error as Error).message}`);
      return undefined;
    }
  }
}
