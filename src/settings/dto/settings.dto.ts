import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class BannerDto {
  @ApiProperty({ example: 'b1' })
  @IsString()
  @MaxLength(100)
  id!: string;

  @ApiProperty({ example: 'info', description: 'info, success, warning or error' })
  @IsString()
  @MaxLength(20)
  type!: string;

  @ApiPropertyOptional({ example: 'Maintenance' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ example: 'The service restarts at 22:00 UTC.' })
  @IsString()
  @MaxLength(5000)
  content!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  dismissible!: boolean;

  @ApiProperty({ example: 1764150000 })
  @IsInt()
  timestamp!: number;
}

export class SetBannersDto {
  @ApiProperty({ type: [BannerDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BannerDto)
  banners!: BannerDto[];
}

export class ConnectionsConfigDto {
  @ApiProperty({ example: false })
  ENABLE_DIRECT_CONNECTIONS!: boolean;

  @ApiProperty({ example: false })
  ENABLE_BASE_MODELS_CACHE!: boolean;
}

export class ModelsConfigDto {
  @ApiProperty({ type: String, nullable: true, example: null })
  DEFAULT_MODELS!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  DEFAULT_PINNED_MODELS!: string | null;

  @ApiProperty({ type: [String], example: [] })
  MODEL_ORDER_LIST!: string[];
}
