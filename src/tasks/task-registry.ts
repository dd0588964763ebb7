import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export interface TaskInfo {
  id: string;
  ownerId: string;
  chatId: string | null;
  createdAt: number;
}

interface RunningTask extends TaskInfo {
  controller: AbortController;
}

/**
 * Running generations, so they can be listed and stopped. In-process: a task runs where it was
 * started, and stopping aborts its AbortController (which aborts the upstream request at once).
 * The realtime issue puts the same interface over Redis for stops sent to another instance.
 */
@Injectable()
export class TaskRegistry {
  private readonly tasks = new Map<string, RunningTask>();

  start(ownerId: string, chatId: string | null): { info: TaskInfo; signal: AbortSignal } {
    const controller = new AbortController();
    const info: TaskInfo = { id: randomUUID(), ownerId, chatId, createdAt: Date.now() };
    this.tasks.set(info.id, { ...info, controller });
    return { info, signal: controller.signal };
  }

  finish(id: string): void {
    this.tasks.delete(id);
  }

  list(): TaskInfo[] {
    return [...this.tasks.values()].map(({ controller: _controller, ...info }) => info);
  }

  get(id: string): TaskInfo | undefined {
    const task = this.tasks.get(id);
    if (!task) return undefined;
    const { controller: _controller, ...info } = task;
    return info;
  }

  /** Aborts the task; true when it was running here. */
  stop(id: string): boolean {
    const task = this.tasks.get(id);
    if (!task) return false;
    task.controller.abort(new TaskStoppedError());
    this.tasks.delete(id);
    return true;
  }
}

export class TaskStoppedError extends Error {
  constructor() {
    super('Task stopped');
    this.name = 'TaskStoppedError';
  }
}
