// The services load reflect-metadata first (main.ts); without it no string is converted to a number.
import 'reflect-metadata';
import { ServiceConfig, StoreServiceConfig } from './service.config';
import { ConfigurationError, validateEnvironment } from './validate-environment';

const validateService = validateEnvironment(ServiceConfig);
const validateStore = validateEnvironment(StoreServiceConfig);
const minimal = { PORT: '8080', KAFKA_BROKERS: 'localhost:9092' };

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('validateEnvironment', () => {
  it('returns an instance of the schema with every default applied', () => {
    const config = validateService(minimal);
    expect(config).toBeInstanceOf(ServiceConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      KAFKA_TOPIC_PREFIX: '',
      KAFKA_TOPIC_PARTITIONS: 6,
      KAFKA_REPLICATION_FACTOR: 1,
      KAFKA_SESSION_TIMEOUT_MS: 10000,
      KAFKA_HEARTBEAT_INTERVAL_MS: 1000,
      KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: 3,
      CONSUMER_MAX_ATTEMPTS: 5,
      CONSUMER_RETRY_BASE_MS: 100,
      CONSUMER_RETRY_MAX_MS: 5000,
      SHUTDOWN_TIMEOUT_MS: 10000,
    });
    expect(config.KAFKA_CLIENT_ID).toBeUndefined();
    expect(config.KAFKA_CONSUMER_GROUP).toBeUndefined();
    expect(config.isProduction).toBe(false);
  });

  it('converts numeric variables from their string form', () => {
    const config = validateService({ ...minimal, KAFKA_TOPIC_PARTITIONS: '12', CONSUMER_MAX_ATTEMPTS: '2', SHUTDOWN_TIMEOUT_MS: '2500' });
    expect(config.PORT).toBe(8080);
    expect(config.KAFKA_TOPIC_PARTITIONS).toBe(12);
    expect(config.CONSUMER_MAX_ATTEMPTS).toBe(2);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(2500);
  });

  it('overrides defaults with what is set', () => {
    const config = validateService({
      ...minimal,
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      KAFKA_TOPIC_PREFIX: 'run-42.',
    });
    expect(config).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', LOG_LEVEL: 'debug', KAFKA_TOPIC_PREFIX: 'run-42.' });
    expect(config.isProduction).toBe(true);
  });

  it('treats an empty variable as unset, so the default applies', () => {
    const config = validateService({ ...minimal, LOG_LEVEL: '', KAFKA_TOPIC_PARTITIONS: '', NODE_ENV: '', KAFKA_CLIENT_ID: '' });
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.KAFKA_TOPIC_PARTITIONS).toBe(6);
    expect(config.NODE_ENV).toBe('development');
    expect(config.KAFKA_CLIENT_ID).toBeUndefined();
  });

  it('reports an empty required variable as not set', () => {
    expect(problemsOf(() => validateService({ ...minimal, PORT: '' }))).toEqual([expect.stringMatching(/^PORT: .*\(not set\)$/)]);
  });

  it('parses KAFKA_BROKERS as a trimmed comma-separated list', () => {
    expect(validateService({ ...minimal, KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9093 ,,10.0.0.3:19092' }).KAFKA_BROKERS).toEqual([
      'kafka-1:9092',
      'kafka-2:9093',
      '10.0.0.3:19092',
    ]);
  });

  it.each(['kafka', 'kafka:', ':9092', 'kafka:port', 'kafka-1:9092,kafka-2', 'kafka 1:9092'])('rejects the broker list %j', (brokers) => {
    const problems = problemsOf(() => validateService({ ...minimal, KAFKA_BROKERS: brokers }));
    expect(problems).toEqual([expect.stringContaining('each broker must be host:port')]);
    expect(problems[0]).toMatch(/^KAFKA_BROKERS: /);
  });

  it('requires KAFKA_BROKERS', () => {
    expect(problemsOf(() => validateService({ PORT: '8080' }))).toEqual([expect.stringMatching(/^KAFKA_BROKERS: .*\(not set\)$/)]);
  });

  it('rejects a broker list with no broker in it', () => {
    expect(problemsOf(() => validateService({ ...minimal, KAFKA_BROKERS: ' , ' }))).toEqual([expect.stringMatching(/^KAFKA_BROKERS: /)]);
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['KAFKA_SESSION_TIMEOUT_MS', '5999'],
    ['KAFKA_TOPIC_PARTITIONS', '0'],
    ['LOG_LEVEL', 'trace'],
    ['NODE_ENV', 'staging'],
    ['KAFKA_TOPIC_PREFIX', 'has space'],
  ])('rejects %s=%j', (name, value) => {
    const problems = problemsOf(() => validateService({ ...minimal, [name]: value }));
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(`${name}: `)).toBe(true);
  });

  it('lists every bad variable, one line each, in the error and its message', () => {
    const error = (() => {
      try {
        validateService({ PORT: '99999', LOG_LEVEL: 'loud', NODE_ENV: 'staging', KAFKA_TOPIC_PARTITIONS: '0' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    const { problems, message } = error as ConfigurationError;
    expect(problems.map((line) => line.slice(0, line.indexOf(':'))).sort()).toEqual([
      'KAFKA_BROKERS',
      'KAFKA_TOPIC_PARTITIONS',
      'LOG_LEVEL',
      'NODE_ENV',
      'PORT',
    ]);
    expect(problems.find((line) => line.startsWith('LOG_LEVEL'))).toContain('(got "loud")');
    expect(message.split('\n')).toEqual(['Invalid configuration:', ...problems.map((line) => `  - ${line}`)]);
  });

  it('shows the value it was given for a variable that is not a number', () => {
    const [problem] = problemsOf(() => validateService({ ...minimal, PORT: 'abc' }));
    expect(problem).toMatch(/^PORT: /);
    expect(problem).toContain('abc');
  });

  describe('with the store', () => {
    it.each(['mongodb://localhost:27017', 'mongodb+srv://cluster0.example.net/?retryWrites=true'])('accepts MONGODB_URI=%j', (uri) => {
      const config = validateStore({ ...minimal, MONGODB_URI: uri });
      expect(config).toBeInstanceOf(StoreServiceConfig);
      expect(config.MONGODB_URI).toBe(uri);
    });

    it('requires a mongodb URI', () => {
      expect(problemsOf(() => validateStore(minimal))).toEqual([expect.stringMatching(/^MONGODB_URI: .*\(not set\)$/)]);
      expect(problemsOf(() => validateStore({ ...minimal, MONGODB_URI: 'postgres://localhost/db' }))).toEqual([
        'MONGODB_URI: must be a mongodb:// or mongodb+srv:// URI (got "postgres://localhost/db")',
      ]);
    });

    it('accepts an optional database name of safe characters only', () => {
      const env = { ...minimal, MONGODB_URI: 'mongodb://localhost:27017' };
      expect(validateStore({ ...env, MONGODB_DATABASE: 'frontpage-feed_test' }).MONGODB_DATABASE).toBe('frontpage-feed_test');
      expect(validateStore(env).MONGODB_DATABASE).toBeUndefined();
      expect(problemsOf(() => validateStore({ ...env, MONGODB_DATABASE: 'a/b' }))).toEqual([expect.stringMatching(/^MONGODB_DATABASE: /)]);
    });
  });
});
