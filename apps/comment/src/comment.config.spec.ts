import 'reflect-metadata';
import { ConfigurationError, validateEnvironment } from '@frontpage/config';
import { CommentConfig, DEV_MODERATOR_TOKEN } from './comment.config';

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
    const problems = problemsOf({ ...production, ...token });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MODERATOR_TOKEN: .*MODERATOR_TOKEN must be set in production/);
  });

  it('uses the configured token, in production and elsewhere', () => {
    expect(validate({ ...production, MODERATOR_TOKEN: 's3cret-moderator' }).moderatorToken).toBe('s3cret-moderator');
    expect(validate({ ...base, MODERATOR_TOKEN: 'local-token' }).moderatorToken).toBe('local-token');
  });

  it('reports the missing token beside every other problem', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'x' });
    expect(problems.map((line) => line.slice(0, line.indexOf(':'))).sort()).toEqual([
      'KAFKA_BROKERS',
      'MODERATOR_TOKEN',
      'MONGODB_URI',
      'PORT',
    ]);
  });
});
