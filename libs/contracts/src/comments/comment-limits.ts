/**
 * Hard limits on what a reader may submit, shared by the gateway's request validation and the
 * command's contract. The comment service applies its own, configurable, moderation limits within them.
 */
export const COMMENT_LIMITS = {
  authorName: 100,
  authorEmail: 254,
  authorUrl: 500,
  body: 10_000,
  /** A sanitised body is never longer than the text it came from, plus link attributes. */
  publishedBody: 20_000,
  clientAddress: 64,
} as const;
