import { endpointsFromEnv, forcedMode, localEndpoints, parsePort, partialEnvWarning, readLocalPorts, readStoreBackend } from './config';

describe('readLocalPorts', () => {
  it('defaults to 9092 (controller 9093), 27017 and PostgreSQL on 27018', () => {
    expect(readLocalPorts({})).toEqual({ kafka: 9092, kafkaController: 9093, kafkaPartner: 9094, mongodb: 27017, postgres: 27018 });
  });

  it('takes LOCAL_KAFKA_PORT and LOCAL_MONGODB_PORT, the controller on the next port', () => {
    expect(readLocalPorts({ LOCAL_KAFKA_PORT: '19092', LOCAL_MONGODB_PORT: ' 37017 ' })).toEqual({
      kafka: 19092,
      kafkaController: 19093,
      kafkaPartner: 19094,
      mongodb: 37017,
      postgres: 37018,
    });
  });

  it('takes LOCAL_POSTGRES_PORT, refusing one that clashes', () => {
    expect(readLocalPorts({ LOCAL_POSTGRES_PORT: '5433' }).postgres).toBe(5433);
    expect(() => readLocalPorts({ LOCAL_POSTGRES_PORT: '27017' })).toThrow(/LOCAL_POSTGRES_PORT \(27017\) clashes/);
    expect(() => readLocalPorts({ LOCAL_POSTGRES_PORT: '9094' })).toThrow(/clashes/);
  });

  it('treats empty values as unset', () => {
    expect(readLocalPorts({ LOCAL_KAFKA_PORT: '', LOCAL_MONGODB_PORT: '  ' }).kafka).toBe(9092);
  });

  it.each(['abc', '0', '65536', '90.5', '-1'])('rejects LOCAL_KAFKA_PORT=%s', (value) => {
    expect(() => readLocalPorts({ LOCAL_KAFKA_PORT: value })).toThrow(/LOCAL_KAFKA_PORT must be a TCP port/);
  });

  it('leaves room for the controller port', () => {
    expect(() => readLocalPorts({ LOCAL_KAFKA_PORT: '65535' })).toThrow(/controller uses port \+ 1/);
  });

  it('rejects a MongoDB port that clashes with Kafka', () => {
    expect(() => readLocalPorts({ LOCAL_KAFKA_PORT: '9092', LOCAL_MONGODB_PORT: '9093' })).toThrow(/clashes/);
  });
});

describe('parsePort', () => {
  it('returns the fallback when unset', () => {
    expect(parsePort('X', undefined, 42)).toBe(42);
  });
});

describe('endpoints', () => {
  it('local endpoints use 127.0.0.1 and a database-less MongoDB URI', () => {
    expect(localEndpoints({ kafka: 9092, kafkaController: 9093, kafkaPartner: 9094, mongodb: 27017, postgres: 27018 })).toEqual({
      kafkaBrokers: '127.0.0.1:9092',
      mongodbUri: 'mongodb://127.0.0.1:27017/',
    });
  });

  it('uses the environment only when both variables are set', () => {
    expect(endpointsFromEnv({ KAFKA_BROKERS: 'k:9092', MONGODB_URI: 'mongodb://m/' })).toEqual({
      kafkaBrokers: 'k:9092',
      mongodbUri: 'mongodb://m/',
    });
    expect(endpointsFromEnv({ KAFKA_BROKERS: 'k:9092' })).toBeUndefined();
    expect(endpointsFromEnv({ KAFKA_BROKERS: ' ', MONGODB_URI: 'mongodb://m/' })).toBeUndefined();
  });

  it('warns when only one of the two is set', () => {
    expect(partialEnvWarning({ MONGODB_URI: 'mongodb://m/' })).toMatch(/MONGODB_URI is set but KAFKA_BROKERS is not/);
    expect(partialEnvWarning({})).toBeUndefined();
    expect(partialEnvWarning({ KAFKA_BROKERS: 'k:1', MONGODB_URI: 'mongodb://m/' })).toBeUndefined();
  });
});

describe('forcedMode', () => {
  it('accepts docker and local', () => {
    expect(forcedMode({ INFRA_MODE: 'local' })).toBe('local');
    expect(forcedMode({ INFRA_MODE: 'docker' })).toBe('docker');
    expect(forcedMode({})).toBeUndefined();
  });

  it('rejects anything else', () => {
    expect(() => forcedMode({ INFRA_MODE: 'env' })).toThrow(/INFRA_MODE/);
  });
});

describe('readStoreBackend', () => {
  it('is PostgreSQL unless SQLite is asked for', () => {
    expect(readStoreBackend({})).toBe('postgresql');
    expect(readStoreBackend({ LOCAL_STORE_BACKEND: ' sqlite ' })).toBe('sqlite');
    expect(() => readStoreBackend({ LOCAL_STORE_BACKEND: 'mongodb' })).toThrow(/LOCAL_STORE_BACKEND must be/);
  });
});
