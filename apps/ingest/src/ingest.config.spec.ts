import 'reflect-metadata';
import { ConfigurationError, validateEnvironment } from '@frontpage/config';
import { apiKeyHash, DEV_INGEST_API_KEYS, IngestConfig } from './ingest.config';

const validate = validateEnvironment(IngestConfig);
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

describe('IngestConfig', () => {
  it('has the ingest defaults', () => {
    const config = validate(base);
    expect(config).toBeInstanceOf(IngestConfig);
    expect(config.PORT).toBe(3001);
    expect(config.PUBLISH_TIMEOUT_MS).toBe(10000);
    expect(config.INGEST_API_KEYS).toBeUndefined();
  });

  it('converts its own numeric variables', () => {
    const config = validate({ ...base, PORT: '4001', PUBLISH_TIMEOUT_MS: '250' });
    expect(config.PORT).toBe(4001);
    expect(config.PUBLISH_TIMEOUT_MS).toBe(250);
    expect(problemsOf({ ...base, PUBLISH_TIMEOUT_MS: '99' })).toEqual([expect.stringMatching(/^PUBLISH_TIMEOUT_MS: /)]);
  });

  it('uses the development key outside production, held as its hash', () => {
    expect([...validate(base).apiKeyHashes]).toEqual([[apiKeyHash('dev-ingest-key'), 'demo']]);
    expect(apiKeyHash('dev-ingest-key')).toMatch(/^[0-9a-f]{64}$/);
    expect(DEV_INGEST_API_KEYS).toEqual(['demo:dev-ingest-key']);
  });

  it.each([
    ['unset', {}],
    ['empty', { INGEST_API_KEYS: '' }],
  ])('requires INGEST_API_KEYS in production (%s)', (_label, keys) => {
    const problems = problemsOf({ ...production, ...keys });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^INGEST_API_KEYS: .*INGEST_API_KEYS must be set in production/);
  });

  it('requires at least one key in production, not just separators', () => {
    expect(problemsOf({ ...production, INGEST_API_KEYS: ' , ' })).toEqual([expect.stringMatching(/^INGEST_API_KEYS: /)]);
  });

  it('maps each key hash to its source, and never falls back to the development key when keys are set', () => {
    const config = validate({ ...production, INGEST_API_KEYS: 'reuters:abcdefgh1, ap:k:12345678 ,bbc.news:s3cr3t-key' });
    expect(config.INGEST_API_KEYS).toEqual(['reuters:abcdefgh1', 'ap:k:12345678', 'bbc.news:s3cr3t-key']);
    expect(config.apiKeyHashes).toEqual(
      new Map([
        [apiKeyHash('abcdefgh1'), 'reuters'],
        [apiKeyHash('k:12345678'), 'ap'],
        [apiKeyHash('s3cr3t-key'), 'bbc.news'],
      ]),
    );
    expect(config.apiKeyHashes.has(apiKeyHash('dev-ingest-key'))).toBe(false);
  });

  it('takes a key as its SHA-256 hash, so the configuration need not hold the key', () => {
    const hash = apiKeyHash('a-long-production-key');
    const config = validate({ ...production, INGEST_API_KEYS: `reuters:sha256:${hash}` });
    expect(config.apiKeyHashes).toEqual(new Map([[hash, 'reuters']]));
  });

  it.each(['reuters:short', 'Reuters:abcdefgh1', 'reuters', ':abcdefgh1', 'reuters:abc defgh1', 'reuters:abcdefgh1,ap'])(
    'rejects the malformed key list %j, even outside production',
    (keys) => {
      const problems = problemsOf({ ...base, INGEST_API_KEYS: keys });
      expect(problems).toEqual([expect.stringContaining('each entry must be source:key, with a key of 8+ characters')]);
      expect(problems[0]).toMatch(/^INGEST_API_KEYS: /);
    },
  );

  it('reports the missing keys beside every other problem', () => {
    const problems = problemsOf({ NODE_ENV: 'production', KAFKA_BROKERS: 'kafka', PORT: '65536' });
    expect(problems.map((line) => line.slice(0, line.indexOf(':'))).sort()).toEqual([
      'INGEST_API_KEYS',
      'KAFKA_BROKERS',
      'MONGODB_URI',
      'PORT',
    ]);
  });

  it('has production defaults for feed polling, and refuses private feed addresses in production only', () => {
    const config = validate(base);
    expect(config).toMatchObject({
      SOURCE_MIN_INTERVAL_SECONDS: 60,
      SOURCE_FAILURE_THRESHOLD: 3,
      SOURCE_MAX_BACKOFF_SECONDS: 3600,
      SOURCE_FETCH_TIMEOUT_MS: 15000,
      SOURCE_MAX_FEED_BYTES: 5 * 1024 * 1024,
    });
    expect(config.sourceLeaseMs).toBeGreaterThan(config.SOURCE_FETCH_TIMEOUT_MS + config.PUBLISH_TIMEOUT_MS);
    expect(config.allowsPrivateFeedAddresses).toBe(true);
    expect(validate({ ...production, INGEST_API_KEYS: 'wire:a-long-key' }).allowsPrivateFeedAddresses).toBe(false);
    expect(validate({ ...base, SOURCE_PRIVATE_ADDRESSES: 'deny' }).allowsPrivateFeedAddresses).toBe(false);
    expect(problemsOf({ ...base, SOURCE_PRIVATE_ADDRESSES: 'yes', SOURCE_MIN_INTERVAL_SECONDS: '0' })).toEqual([
      expect.stringMatching(/^SOURCE_MIN_INTERVAL_SECONDS: /),
      expect.stringMatching(/^SOURCE_PRIVATE_ADDRESSES: /),
    ]);
  });
});
