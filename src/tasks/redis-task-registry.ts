import { errorText } from '../common/errors.js';
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DomainEvent } from '../events/domain-events.js';
import type { EventBus } from '../events/event-bus.js';
import type { Instance } from '../kv/instance.js';
import type { PubSub } from '../kv/pub-sub.js';
import { type TaskInfo, TaskRegistry } from './task-registry.js';

const COMMANDS = 'tasks:commands';

interface Entry extends TaskInfo {
  instanceId: string;
}

/**
 * Tasks shared between instances through Redis; each still runs (and is aborted) where it started.
 *
 * Layout under REDIS_KEY_PREFIX. Upstream keeps a `tasks` hash and per-chat sets that a crashed pod
 * leaves behind for good; here an entry counts only while its instance is alive:
 * - `tasks:entries` hash, task id → JSON {id, ownerId, chatId, createdAt, instanceId};
 * - `tasks:instance:{id}` with a TTL that its instance refreshes while it runs tasks: when an instance
 *   dies its tasks vanish within TASKS_ENTRY_TTL_SECONDS, readers sweep the leftovers, and a refresh
 *   costs one round trip per instance (it also re-writes its entries, healing a swept or flushed hash);
 * - channel `tasks:commands`: `{"action":"stop","task_id":…}` as upstream, for a stop within milliseconds;
 * - `tasks:stop:{id}` (same TTL): the stop again, for an owner whose subscriber was down when it was
 *   published (upstream's lost stops, its issues 14340 and 27104). The owner reads these after every
 *   resubscription and every refresh, so a stop is never lost, only late by one refresh at worst.
 * Per-chat lookups filter the one hash: running tasks are few (one per generating tab).
 *
 * A dead instance's entries are claimed by whichever live instance removes them first (HDEL answers 1
 * once), on its heartbeat or while listing; the claimer announces `TaskOrphaned`, so the generation's
 * message is finished with the text saved so far instead of spinning forever.
 *
 * Redis errors are logged and never fail a completion: tasks still run and can be stopped where they run.
 */
export class RedisTaskRegistry extends TaskRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TaskRegistry');
  private readonly entriesKey: string;
  /** Finished tasks whose shared entry could not be removed yet (Redis was away). */
  private readonly unwithdrawn = new Set<string>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly pubSub: PubSub,
    private readonly instance: Instance,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly events: EventBus,
  ) {
    super();
    this.entriesKey = `${prefix}:tasks:entries`;
  }

  async onModuleInit(): Promise<void> {
    await this.pubSub.subscribe(COMMANDS, (message) => this.onCommand(message));
    this.pubSub.onResync(() => void this.safely('stop check', undefined, () => this.applyStops()));
    this.heartbeat = setInterval(() => void this.refresh(), (this.ttlSeconds * 1000) / 3).unref();
  }

  onModuleDestroy(): void {
    // Entries are left to expire: tasks may still be finishing while the process shuts down.
    clearInterval(this.heartbeat);
  }

  async list(): Promise<TaskInfo[]> {
    return this.safely('list', this.localTasks(), () => this.liveEntries());
  }

  async get(id: string): Promise<TaskInfo | undefined> {
    const here = this.running.get(id);
    if (here) return here.info;
    return this.safely('get', undefined, async () => {
      const raw = await this.redis.hget(this.entriesKey, id);
      const entry = raw === null ? undefined : parseEntry(raw);
      if (!entry || entry.instanceId === this.instance.id) return undefined;
      return (await this.redis.exists(this.instanceKey(entry.instanceId))) ? entry : undefined;
    });
  }

  async stop(id: string): Promise<boolean> {
    if (this.abortHere(id)) {
      await this.withdraw(id);
      return true;
    }
    if (!(await this.get(id))) return false;
    return this.safely('stop', false, async () => {
      // One connection, so the mark is written before the command can arrive.
      await Promise.all([
        this.redis.set(this.stopKey(id), '1', 'EX', this.ttlSeconds),
        this.pubSub.publish(COMMANDS, JSON.stringify({ action: 'stop', task_id: id })),
      ]);
      return true;
    });
  }

  protected announce(info: TaskInfo): Promise<void> {
    return this.safely('announce', undefined, () => this.writeEntries([info]));
  }

  protected async withdraw(id: string): Promise<void> {
    this.unwithdrawn.add(id);
    await this.withdrawPending();
  }

  /**
   * Removes finished tasks' entries. One that ended while Redis was away stays pending and is
   * retried on each refresh: other instances see this one alive, so they would list it forever.
   */
  private async withdrawPending(): Promise<void> {
    const ids = [...this.unwithdrawn];
    if (ids.length === 0) return;
    const done = await this.safely('withdraw', false, async () => {
      await this.redis
        .multi()
        .hdel(this.entriesKey, ...ids)
        .del(...ids.map((id) => this.stopKey(id)))
        .exec();
      return true;
    });
    if (done) ids.forEach((id) => this.unwithdrawn.delete(id));
  }

  private async refresh(): Promise<void> {
    await this.withdrawPending();
    const tasks = this.localTasks();
    if (tasks.length > 0) {
      await this.safely('refresh', undefined, async () => {
        await this.writeEntries(tasks);
        await this.applyStops();
      });
    }
    // Every instance looks for dead instances' tasks, running tasks of its own or not.
    await this.safely('orphan sweep', [], () => this.liveEntries());
  }

  /** This instance's entries and its liveness, in one transaction. */
  private async writeEntries(tasks: TaskInfo[]): Promise<void> {
    const fields = tasks.flatMap((task) => [task.id, JSON.stringify({ ...task, instanceId: this.instance.id })]);
    await this.redis
      .multi()
      .hset(this.entriesKey, ...fields)
      .set(this.instanceKey(this.instance.id), '1', 'EX', this.ttlSeconds)
      .exec();
  }

  private async applyStops(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    const marks = await this.redis.mget(ids.map((id) => this.stopKey(id)));
    ids.forEach((id, index) => {
      if (marks[index] !== null) this.abortHere(id);
    });
  }

  private onCommand(message: string): void {
    try {
      const command = JSON.parse(message) as { action?: unknown; task_id?: unknown };
      if (command.action === 'stop' && typeof command.task_id === 'string') this.abortHere(command.task_id);
    } catch {
      this.logger.warn(`Ignored a malformed task command: ${message.slice(0, 200)}`);
    }
  }

  /** Entries whose instance is alive; the others are swept on the way. */
  private async liveEntries(): Promise<TaskInfo[]> {
    const entries = Object.values(await this.redis.hgetall(this.entriesKey)).flatMap((raw) => parseEntry(raw) ?? []);
    const others = [...new Set(entries.map((entry) => entry.instanceId))].filter((id) => id !== this.instance.id);
    const alive = new Set<string>();
    if (others.length > 0) {
      const flags = await this.redis.mget(others.map((id) => this.instanceKey(id)));
      others.forEach((id, index) => flags[index] !== null && alive.add(id));
    }
    // Ours are alive exactly while they run here (an entry whose withdrawal failed is not).
    const isLive = (entry: Entry) =>
      entry.instanceId === this.instance.id ? this.running.has(entry.id) : alive.has(entry.instanceId);
    const dead = entries.filter((entry) => !isLive(entry));
    if (dead.length > 0) void this.safely('sweep', undefined, () => this.claim(dead));
    return entries.filter(isLive);
  }

  /**
   * Removes dead entries one by one; an entry this instance removed is its to finish. Our own (a
   * withdrawal that failed earlier) ended normally: they are only removed.
   */
  private async claim(dead: Entry[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const entry of dead) pipeline.hdel(this.entriesKey, entry.id);
    const results = (await pipeline.exec()) ?? [];
    dead.forEach((entry, index) => {
      const [error, removed] = results[index] ?? [];
      if (error || removed !== 1 || entry.instanceId === this.instance.id) return;
      const { id: taskId, ownerId, chatId, messageId } = entry;
      this.events.emit(DomainEvent.TaskOrphaned, { taskId, ownerId, chatId, messageId: messageId ?? null });
    });
  }

  private instanceKey(instanceId: string): string {
    return `${this.prefix}:tasks:instance:${instanceId}`;
  }

  private stopKey(taskId: string): string {
    return `${this.prefix}:tasks:stop:${taskId}`;
  }

  /**
   * Runs a Redis step, or answers `fallback` (what this process knows) when it fails. While Redis is
   * away steps are skipped rather than queued: a completion must not wait for a reconnect, and the
   * next refresh writes this instance's entries again.
   */
  private async safely<T>(what: string, fallback: T, work: () => Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready') return fallback;
    try {
      return await work();
    } catch (error) {
      this.logger.warn(`Task registry ${what} failed in Redis: ${errorText(error)}`);
      return fallback;
    }
  }
}

function parseEntry(raw: string): Entry | undefined {
  try {
    return JSON.parse(raw) as Entry;
  } catch {
    return undefined;
  }
}
