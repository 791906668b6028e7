import 'reflect-metadata';
import { ConfigurationError, validateEnvironment } from '@frontpage/config';
import { CommentConfig, DEV_COMMENT_HASH_SECRET, DEV_MODERATOR_TOKEN } from './comment.config';

const validate = validateEnvironment(CommentConfig);
const base = { KAFKA_BROKERS: 'localhost:9092', MONGODB_URI: 'mongodb://localhost:27017' };
const production = { ...base, NODE_ENV: 'production' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    validate(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('CommentConfig', () => {
  it('has the comment defaults and the development moderator token outside production', () => {
    const config = validate(base);
    expect(config).toBeInstanceOf(CommentConfig);
    expect(config.PORT).toBe(3003);
    expect(config.MODERATOR_TOKEN).toBeUndefined();
    expect(config.moderatorToken).toBe(DEV_MODERATOR_TOKEN);
  });

  it.each([
    ['unset', {}],
    ['empty', { MODERATOR_TOKEN: '' }],
  ])('requires MODERATOR_TOKEN in production (%s)', (_label, token) => {
    const problems = problemsOf({ ...production, COMMENT_HASH_SECRET: 'a-production-secret', ...token });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MODERATOR_TOKEN: .*MODERATOR_TOKEN must be set in production/);
  });

  it('uses the configured token, in production and elsewhere', () => {
    expect(validate({ ...production, COMMENT_HASH_SECRET: 'h', MODERATOR_TOKEN: 's3cret-moderator' }).moderatorToken).toBe(
      's3cret-moderator',
    );
    expect(validate({ ...base, MODERATOR_TOKEN: 'local-token' }).moderatorToken).toBe('local-token');
  });

  it('reports the missing token beside every other problem', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'x' });
    expect(problems.map((line) => line.slice(0, line.indexOf(':'))).sort()).toEqual([
      'COMMENT_HASH_SECRET',
      'KAFKA_BROKERS',
      'MODERATOR_TOKEN',
      'MONGODB_URI',
      'PORT',
    ]);
  });

  it('has the moderation defaults', () => {
    expect(validate(base)).toMatchObject({
      COMMENT_MIN_LENGTH: 2,
      COMMENT_MAX_LENGTH: 5000,
      COMMENT_BANNED_WORDS: [],
      COMMENT_SUSPECT_WORDS: [],
      COMMENT_MAX_LINKS: 2,
      COMMENT_FLOOD_WINDOW_SECONDS: 15,
      COMMENT_MAX_DEPTH: 3,
      COMMENT_DEFAULT_MODERATION: 'pre',
      COMMENT_POST_MODERATED_ARTICLES: [],
      COMMENT_CLOSED_ARTICLES: [],
      COMMENT_CLOSE_AFTER_DAYS: 0,
      COMMENT_PAGE_SIZE: 20,
    });
    expect(validate(base).hashSecret).toBe(DEV_COMMENT_HASH_SECRET);
  });

  it('reads word lists as trimmed, lower-case, comma-separated lists', () => {
    const config = validate({ ...base, COMMENT_BANNED_WORDS: ' Casino, cheap pills ,,', COMMENT_SUSPECT_WORDS: 'Crypto' });
    expect(config.COMMENT_BANNED_WORDS).toEqual(['casino', 'cheap pills']);
    expect(config.COMMENT_SUSPECT_WORDS).toEqual(['crypto']);
  });

  it('requires COMMENT_HASH_SECRET in production', () => {
    expect(problemsOf({ ...production, MODERATOR_TOKEN: 'token' })).toEqual([
      expect.stringMatching(/^COMMENT_HASH_SECRET: .*must be set in production/),
    ]);
  });

  it.each([
    ['COMMENT_DEFAULT_MODERATION', 'sometimes'],
    ['COMMENT_MAX_DEPTH', '0'],
    ['COMMENT_MAX_LENGTH', '20000'],
  ])('rejects %s=%j', (name, value) => {
    expect(problemsOf({ ...base, [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });

  it('waits 600 s for an unknown article by default and sweeps at a tenth of the wait, between 1 s and 1 min', () => {
    expect(validate(base)).toMatchObject({ COMMENT_ARTICLE_WAIT_SECONDS: 600, articleWaitSweepMs: 60_000 });
    expect(validate({ ...base, COMMENT_ARTICLE_WAIT_SECONDS: '120' }).articleWaitSweepMs).toBe(12_000);
    expect(validate({ ...base, COMMENT_ARTICLE_WAIT_SECONDS: '1' }).articleWaitSweepMs).toBe(1000);
    expect(problemsOf({ ...base, COMMENT_ARTICLE_WAIT_SECONDS: '0' })[0]).toMatch(/^COMMENT_ARTICLE_WAIT_SECONDS: /);
  });
});
