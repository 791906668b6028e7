import { ArticleSubmittedData, ArticleWithdrawalRequestedData } from './articles/article-submitted.event';
import { ArticlePublishedData, ArticleUpdatedData, ArticleWithdrawnData } from './articles/article-snapshot.event';
import { CommentPublishedData, CommentRemovedData } from './comments/comment-published.event';
import { CommentSubmittedData } from './comments/comment-submitted.event';
import { Topics } from './topics';

/**
 * Which event types travel on which topic, and the data class of each. The compiler uses it to
 * reject publishing a payload on the wrong topic; consumers use it to validate what they receive.
 */
export const TOPIC_EVENTS = {
  [Topics.IngestArticles]: {
    ArticleSubmitted: ArticleSubmittedData,
    ArticleWithdrawalRequested: ArticleWithdrawalRequestedData,
  },
  [Topics.NewsArticles]: {
    ArticlePublished: ArticlePublishedData,
    ArticleUpdated: ArticleUpdatedData,
    ArticleWithdrawn: ArticleWithdrawnData,
  },
  [Topics.CommentSubmissions]: {
    CommentSubmitted: CommentSubmittedData,
  },
  [Topics.NewsComments]: {
    CommentPublished: CommentPublishedData,
    CommentRemoved: CommentRemovedData,
  },
} as const;

export type EventTopic = keyof typeof TOPIC_EVENTS;

export type EventTypeOf<T extends EventTopic> = keyof (typeof TOPIC_EVENTS)[T] & string;

export type EventDataOf<T extends EventTopic, K extends EventTypeOf<T>> = InstanceType<
  (typeof TOPIC_EVENTS)[T][K] extends new (...args: never[]) => unknown ? (typeof TOPIC_EVENTS)[T][K] : never
>;

/** A validated event as a consumer's handler receives it: a union discriminated by `type`. */
export type TopicEvent<T extends EventTopic> = {
  [K in EventTypeOf<T>]: { type: K; data: EventDataOf<T, K> };
}[EventTypeOf<T>];

export function eventClassFor(topic: string, type: string): (new () => object) | undefined {
  const byTopic = TOPIC_EVENTS as Record<string, Record<string, new () => object>>;
  if (!Object.prototype.hasOwnProperty.call(byTopic, topic)) return undefined;
  const events = byTopic[topic];
  return Object.prototype.hasOwnProperty.call(events, type) ? events[type] : undefined;
}
