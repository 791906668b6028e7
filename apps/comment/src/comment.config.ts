import { IsInt, IsNotEmpty, IsString, Max, Min, ValidateIf } from 'class-validator';
import { StoreServiceConfig } from '@frontpage/config';

export const DEV_MODERATOR_TOKEN = 'dev-moderator-token';

export class CommentConfig extends StoreServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3003;

  /** Bearer token for moderators; required in production, `dev-moderator-token` elsewhere. */
  @ValidateIf((config: CommentConfig) => config.NODE_ENV === 'production' || config.MODERATOR_TOKEN !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'MODERATOR_TOKEN must be set in production' })
  MODERATOR_TOKEN?: string;

  get moderatorToken(): string {
    return this.MODERATOR_TOKEN ?? DEV_MODERATOR_TOKEN;
  }
}
