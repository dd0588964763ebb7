import { Injectable } from '@nestjs/common';
import { ChatsService } from '../chats/chats.service.js';
import type { CallerUser } from '../access/auth-context.js';
import { type TaskInfo, TaskRegistry } from './task-registry.js';

/** `/api/tasks`: a user sees and stops only their own tasks; admins all (upstream lets anyone stop any). */
@Injectable()
export class TasksService {
  constructor(
    private readonly registry: TaskRegistry,
    private readonly chats: ChatsService,
  ) {}

  async list(user: CallerUser) {
    return { tasks: (await this.visible(user)).map((task) => task.id) };
  }

  /** Missing and not-yours answer alike. */
  async stop(user: CallerUser, id: string) {
    const task = await this.registry.get(id);
    if (!task || !this.mayManage(user, task) || !(await this.registry.stop(id))) {
      return { status: false, message: `Task with ID ${id} not found.` };
    }
    return { status: true, message: `Task ${id} stopped.` };
  }

  async forChat(user: CallerUser, chatId: string) {
    const chat = await this.chats.findSummary(chatId);
    if (!chat || (chat.user_id !== user.id && user.role !== 'admin')) return { task_ids: [] };
    return {
      task_ids: (await this.registry.list()).filter((task) => task.chatId === chatId).map((task) => task.id),
    };
  }

  private async visible(user: CallerUser): Promise<TaskInfo[]> {
    return (await this.registry.list()).filter((task) => this.mayManage(user, task));
  }

  private mayManage(user: CallerUser, task: TaskInfo): boolean {
    return user.role === 'admin' || task.ownerId === user.id;
  }
}
