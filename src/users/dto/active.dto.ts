import { ApiProperty } from '@nestjs/swagger';

/** Who is online (`/api/v1/users/active`), from the presence pools of every instance. */
export class ActiveUsersDto {
  @ApiProperty({ type: [String], example: ['6f1c2a9e-8d3b-4c0a-9f3e-2b7d1e5a4c10'] })
  user_ids!: string[];
}

export class ActiveDto {
  @ApiProperty({ example: true })
  active!: boolean;
}
