import { ApiProperty } from '@nestjs/swagger';

export class ErrorResponseDto {
  @ApiProperty({ example: "We could not find what you're looking for :/" })
  detail: string;
}

export class StatusResponseDto {
  @ApiProperty({ example: true })
  status: boolean;
}

export class MessageResponseDto {
  @ApiProperty({ example: 'File deleted successfully' })
  message: string;
}
