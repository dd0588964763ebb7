import { randomUUID } from 'node:crypto';

export interface TaskInfo {
  id: string;
  ownerId: string;
  chatId: string | null;
  /** The assistant message a generation writes: what is finished for it if its instance dies. */
  messageId: string | null;
  createdAt: number;
}

/**
 * Running generations, so they can be listed and stopped. A task runs where it was started, and
 * stopping aborts its AbortController (which aborts the provider request at once). This base keeps
 * the tasks of this process; LocalTaskRegistry lists only those, RedisTaskRegistry shares them
 * between instances. The class is also the DI token.
 */
export abstract class TaskRegistry {
  /** Tasks running in this process: only here can a task be aborted. */
  protected readonly running = new Map<string, { info: TaskInfo; controller: AbortController }>();

  async start(
    ownerId: string,
    chatId: string | null,
    messageId: string | null = null,
  ): Promise<{ info: TaskInfo; signal: AbortSignal }> {
    const controller = new AbortController();
    const info: TaskInfo = { id: randomUUID(), ownerId, chatId, messageId, createdAt: Date.now() };
    this.running.set(info.id, { info, controller });
    await this.announce(info);
    return { info, signal: controller.signal };
  }

  async finish(id: string): Promise<void> {
    this.running.delete(id);
    await this.withdraw(id);
  }

  abstract list(): Promise<TaskInfo[]>;
  abstract get(id: string): Promise<TaskInfo | undefined>;
  /** Stops the task wherever it runs; true when it was running. */
  abstract stop(id: string): Promise<boolean>;

  /** Makes a task started here visible to the other instances. */
  protected abstract announce(info: TaskInfo): Promise<void>;
  /** Removes a task from what the other instances see. */
  protected abstract withdraw(id: string): Promise<void>;

  /** Aborts a task running here; true when it was. */
  protected abortHere(id: string): boolean {
    const task = this.running.get(id);
    if (!task) return false;
    task.controller.abort(new TaskStoppedError());
    // Gone from listings at once, not only when the task has saved what it generated.
    this.running.delete(id);
    return true;
  }

  protected localTasks(): TaskInfo[] {
    return [...this.running.values()].map((task) => task.info);
  }
}

/** One instance: the tasks of this process are all the tasks there are. */
export class LocalTaskRegistry extends TaskRegistry {
  list(): Promise<TaskInfo[]> {
    return Promise.resolve(this.localTasks());
  }

  get(id: string): Promise<TaskInfo | undefined> {
    return Promise.resolve(this.running.get(id)?.info);
  }

  stop(id: string): Promise<boolean> {
    return Promise.resolve(this.abortHere(id));
  }

  protected announce(): Promise<void> {
    return Promise.resolve();
  }

  protected withdraw(): Promise<void> {
    return Promise.resolve();
  }
}

export class TaskStoppedError extends Error {
  constructor() {
    super('Task stopped');
    this.name = 'TaskStoppedError';
  }
}
