import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min, ValidateIf } from 'class-validator';
import { StoreServiceConfig } from '@frontpage/config';

export const DEV_MODERATOR_TOKEN = 'dev-moderator-token';
export const DEV_COMMENT_HASH_SECRET = 'dev-comment-hash-secret';

export const MODERATION_MODES = ['pre', 'post'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

const toLowerCaseList = (input: { value: unknown }) => {
  const list = toList(input);
  return Array.isArray(list) ? list.map((item) => String(item).toLowerCase()) : list;
};

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

  /**
   * Key of the HMAC that turns a commenter's email into the hash used for repeat, flood and trust
   * checks. Changing it forgets every commenter's history, so it is required in production.
   */
  @ValidateIf((config: CommentConfig) => config.NODE_ENV === 'production' || config.COMMENT_HASH_SECRET !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'COMMENT_HASH_SECRET must be set in production' })
  COMMENT_HASH_SECRET?: string;

  /** Shorter comments (in characters of text, after sanitising) are rejected. */
  @IsInt()
  @Min(1)
  COMMENT_MIN_LENGTH: number = 2;

  /** Longer comments are rejected (the gateway refuses anything over 10000 outright). */
  @IsInt()
  @Min(1)
  @Max(10_000)
  COMMENT_MAX_LENGTH: number = 5000;

  /** Comma-separated words or phrases; a comment containing one is rejected. */
  @Transform(toLowerCaseList)
  @IsString({ each: true })
  COMMENT_BANNED_WORDS: string[] = [];

  /** Comma-separated words or phrases; a comment containing one is held for a moderator. */
  @Transform(toLowerCaseList)
  @IsString({ each: true })
  COMMENT_SUSPECT_WORDS: string[] = [];

  /** A comment with more links than this is held for a moderator. */
  @IsInt()
  @Min(0)
  COMMENT_MAX_LINKS: number = 2;

  /** A second comment by the same commenter within this many seconds is refused. 0 turns it off. */
  @IsInt()
  @Min(0)
  COMMENT_FLOOD_WINDOW_SECONDS: number = 15;

  /** Levels of a thread, the top level included; deeper replies attach to the deepest allowed ancestor. */
  @IsInt()
  @Min(1)
  @Max(10)
  COMMENT_MAX_DEPTH: number = 3;

  /**
   * `pre`: a first-time commenter's comment waits for a moderator. `post`: it is published at once
   * and moderators remove what they must afterwards.
   */
  @IsIn(MODERATION_MODES)
  COMMENT_DEFAULT_MODERATION: ModerationMode = 'pre';

  /** Article ids or slugs that are post-moderated whatever the default. */
  @Transform(toList)
  @IsString({ each: true })
  COMMENT_POST_MODERATED_ARTICLES: string[] = [];

  /** Article ids or slugs closed for comments. */
  @Transform(toList)
  @IsString({ each: true })
  COMMENT_CLOSED_ARTICLES: string[] = [];

  /** Articles close for comments this many days after publication. 0 keeps them open. */
  @IsInt()
  @Min(0)
  COMMENT_CLOSE_AFTER_DAYS: number = 0;

  /**
   * A comment for an article this service has not heard of yet waits this long for the article's
   * `ArticlePublished` (it may have just been published, or this service may be catching up), then
   * is moderated anyway: rejected as `article-unknown`.
   */
  @IsInt()
  @Min(1)
  COMMENT_ARTICLE_WAIT_SECONDS: number = 600;

  /** Top-level comments per page of a thread, and items per page of the moderation queue. */
  @IsInt()
  @Min(1)
  @Max(100)
  COMMENT_PAGE_SIZE: number = 20;

  /** How often parked comments are looked at: a tenth of the wait, between 1 s and 1 min. */
  get articleWaitSweepMs(): number {
    return Math.min(60_000, Math.max(1000, this.COMMENT_ARTICLE_WAIT_SECONDS * 100));
  }

  get moderatorToken(): string {
    return this.MODERATOR_TOKEN ?? DEV_MODERATOR_TOKEN;
  }

  get hashSecret(): string {
    return this.COMMENT_HASH_SECRET ?? DEV_COMMENT_HASH_SECRET;
  }
}
