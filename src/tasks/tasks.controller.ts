import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../access/auth-context.js';
import { Auth, Caller } from '../access/auth.decorator.js';
import { TasksService } from './tasks.service.js';

class TaskListDto {
  @ApiProperty({ type: [String], example: ['5d2f8a10-7c3e-4b9a-a1d2-3e4f5a6b7c8d'] }) tasks: string[];
}

class ChatTaskListDto {
  @ApiProperty({ type: [String], example: ['5d2f8a10-7c3e-4b9a-a1d2-3e4f5a6b7c8d'] }) task_ids: string[];
}

class StopTaskDto {
  @ApiProperty({ example: true }) status: boolean;
  @ApiProperty({ example: 'Task 5d2f8a10-7c3e-4b9a-a1d2-3e4f5a6b7c8d stopped.' }) message: string;
}

@ApiTags('tasks')
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Auth({ scope: 'completions' })
  @ApiOkResponse({ type: TaskListDto })
  listTasks(@Caller() { user }: AuthContext) {
    return this.tasks.list(user);
  }

  @Post('stop/:task_id')
  @HttpCode(200)
  @Auth({ scope: 'completions' })
  @ApiOkResponse({ type: StopTaskDto })
  stopTask(@Caller() { user }: AuthContext, @Param('task_id') taskId: string) {
    return this.tasks.stop(user, taskId);
  }

  @Get('chat/:chat_id')
  @Auth({ scope: 'completions' })
  @ApiOkResponse({ type: ChatTaskListDto })
  listChatTasks(@Caller() { user }: AuthContext, @Param('chat_id') chatId: string) {
    return this.tasks.forChat(user, chatId);
  }
}
