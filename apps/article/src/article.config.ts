import { IsInt, Max, Min } from 'class-validator';
import { StoreServiceConfig } from '@frontpage/config';

export class ArticleConfig extends StoreServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3002;
}
