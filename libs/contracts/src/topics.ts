/**
 * Every Kafka topic Frontpage uses. Names are `<domain>.<entity>.v<N>`; `news.*` topics are public
 * (partners read them), the rest are internal. A breaking change to a topic's events means a new `vN`.
 */
export const Topics = {
  /** Internal command: a normalised article from ingest, for the article service to store and version. */
  IngestArticles: 'ingest.articles.v1',
  /** Public: the life of each article (published, updated, withdrawn), keyed by article id. */
  NewsArticles: 'news.articles.v1',
  /** Internal command: a reader's comment, accepted by the gateway, for the comment service to moderate. */
  CommentSubmissions: 'comments.submissions.v1',
  /** Public: comments as they are published or removed, keyed by article id. */
  NewsComments: 'news.comments.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

export const DEAD_LETTER_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isPublicTopic(topic: string): boolean {
  return topic.startsWith('news.');
}

/**
 * Topics kept forever, whatever the broker's default retention: the public topics are the log every
 * projection is rebuilt from (`npm run feed:rebuild`) and partners may replay, and a dead letter stays
 * until an operator has replayed or discarded it.
 */
export function isRetainedTopic(topic: string): boolean {
  return isPublicTopic(topic) || topic.endsWith(DEAD_LETTER_SUFFIX);
}
