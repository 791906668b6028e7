/**
 * Stable error codes. They cross process boundaries (HTTP bodies, dead-letter headers), so they
 * never change meaning once published.
 */
export const ErrorCodes = {
  ValidationFailed: 'REQUEST.VALIDATION_FAILED',
  PayloadTooLarge: 'REQUEST.TOO_LARGE',
  UnsupportedMediaType: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  Unauthorized: 'AUTH.UNAUTHORIZED',
  Forbidden: 'AUTH.FORBIDDEN',
  NotFound: 'RESOURCE.NOT_FOUND',
  UpstreamUnavailable: 'UPSTREAM.UNAVAILABLE',
  Overloaded: 'SERVICE.OVERLOADED',
  Internal: 'INTERNAL.ERROR',
  ArticleNotFound: 'ARTICLE.NOT_FOUND',
  PageNotExtractable: 'PAGE.NO_ARTICLE',
  ArticleNotUsable: 'ARTICLE.NOT_USABLE',
  CommentNotFound: 'COMMENT.NOT_FOUND',
  CommentRateLimited: 'COMMENT.RATE_LIMITED',
  CommentCursorInvalid: 'COMMENT.CURSOR_INVALID',
  MessageUnreadable: 'MESSAGE.UNREADABLE',
  MessageInvalid: 'MESSAGE.INVALID',
  MessageUnknownType: 'MESSAGE.UNKNOWN_TYPE',
  HandlerFailed: 'MESSAGE.HANDLER_FAILED',
  NoHandler: 'MESSAGE.NO_HANDLER',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
