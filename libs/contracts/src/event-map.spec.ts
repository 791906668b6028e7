import { ArticlePublishedData, ArticleUpdatedData, ArticleWithdrawnData } from './articles/article-snapshot.event';
import { ArticleSubmittedData } from './articles/article-submitted.event';
import { CommentPublishedData, CommentRemovedData } from './comments/comment-published.event';
import { CommentSubmittedData } from './comments/comment-submitted.event';
import { eventClassFor, TOPIC_EVENTS } from './event-map';
import { Topics } from './topics';

describe('eventClassFor', () => {
  it.each([
    [Topics.IngestArticles, 'ArticleSubmitted', ArticleSubmittedData],
    [Topics.NewsArticles, 'ArticlePublished', ArticlePublishedData],
    [Topics.NewsArticles, 'ArticleUpdated', ArticleUpdatedData],
    [Topics.NewsArticles, 'ArticleWithdrawn', ArticleWithdrawnData],
  ])('finds the data class of %s / %s', (topic, type, expected) => {
    expect(eventClassFor(topic, type)).toBe(expected);
  });

  it('knows exactly the event types of the map, no more', () => {
    const known = Object.entries(TOPIC_EVENTS).flatMap(([topic, events]) => Object.keys(events).map((type) => `${topic}/${type}`));
    expect(known.sort()).toEqual([
      'comments.submissions.v1/CommentSubmitted',
      'ingest.articles.v1/ArticleSubmitted',
      'ingest.articles.v1/ArticleWithdrawalRequested',
      'news.articles.v1/ArticlePublished',
      'news.articles.v1/ArticleUpdated',
      'news.articles.v1/ArticleWithdrawn',
      'news.comments.v1/CommentPublished',
      'news.comments.v1/CommentRemoved',
    ]);
  });

  it('does not find a type on a topic that does not carry it', () => {
    expect(eventClassFor(Topics.IngestArticles, 'ArticlePublished')).toBeUndefined();
    expect(eventClassFor(Topics.NewsArticles, 'ArticleSubmitted')).toBeUndefined();
  });

  it('does not find unknown types, or types spelled differently', () => {
    expect(eventClassFor(Topics.NewsArticles, 'ArticleDeleted')).toBeUndefined();
    expect(eventClassFor(Topics.NewsArticles, 'articlepublished')).toBeUndefined();
    expect(eventClassFor(Topics.NewsArticles, '')).toBeUndefined();
  });

  it('finds the comment events on their topics only', () => {
    expect(eventClassFor(Topics.CommentSubmissions, 'CommentSubmitted')).toBe(CommentSubmittedData);
    expect(eventClassFor(Topics.NewsComments, 'CommentPublished')).toBe(CommentPublishedData);
    expect(eventClassFor(Topics.NewsComments, 'CommentRemoved')).toBe(CommentRemovedData);
    expect(eventClassFor(Topics.NewsComments, 'CommentSubmitted')).toBeUndefined();
  });

  it("does not find anything on unknown topics, or another topic's events", () => {
    expect(eventClassFor('news.articles.v2', 'ArticlePublished')).toBeUndefined();
    expect(eventClassFor(`${Topics.NewsArticles}.dlq`, 'ArticlePublished')).toBeUndefined();
    expect(eventClassFor(Topics.NewsComments, 'ArticlePublished')).toBeUndefined();
    expect(eventClassFor(Topics.CommentSubmissions, 'ArticleSubmitted')).toBeUndefined();
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'name'])(
    'does not take the inherited key %j for an event type',
    (type) => {
      expect(eventClassFor(Topics.NewsArticles, type)).toBeUndefined();
      expect(eventClassFor(Topics.IngestArticles, type)).toBeUndefined();
    },
  );

  it('does not take an inherited key for a topic', () => {
    const leaks: string[] = [];
    for (const topic of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const type of ['constructor', 'name', 'prototype', 'length', 'ArticlePublished']) {
        if (eventClassFor(topic, type) !== undefined) leaks.push(`${topic}/${type}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
