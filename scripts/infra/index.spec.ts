// Importing the entry point must never load testcontainers: machines without Docker do not need it.
jest.mock('testcontainers', () => {
  throw new Error('testcontainers was loaded');
});
jest.mock('@testcontainers/mongodb', () => {
  throw new Error('@testcontainers/mongodb was loaded');
});

import { chooseMode, describeInfrastructure, redactUri } from './index';
import { kafkaContainerEnv, kafkaStarterScript } from './containers';

describe('chooseMode', () => {
  const docker = jest.fn(() => true);
  const noDocker = jest.fn(() => false);

  beforeEach(() => jest.clearAllMocks());

  it('uses the environment when KAFKA_BROKERS and MONGODB_URI are both set, without probing Docker', () => {
    expect(chooseMode({ KAFKA_BROKERS: 'k:9092', MONGODB_URI: 'mongodb://m/' }, docker)).toBe('env');
    expect(docker).not.toHaveBeenCalled();
  });

  it('prefers Docker when the engine answers', () => {
    expect(chooseMode({}, docker)).toBe('docker');
  });

  it('falls back to local processes without Docker', () => {
    expect(chooseMode({ KAFKA_BROKERS: 'k:9092' }, noDocker)).toBe('local');
  });

  it('honours INFRA_MODE without probing Docker', () => {
    expect(chooseMode({ INFRA_MODE: 'local' }, docker)).toBe('local');
    expect(docker).not.toHaveBeenCalled();
  });
});

describe('redactUri', () => {
  it('hides credentials', () => {
    expect(redactUri('mongodb://user:secret@db:27017/x?authSource=admin')).toBe('mongodb://***@db:27017/x?authSource=admin');
    expect(redactUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
  });

  it('is used when describing infrastructure', () => {
    expect(describeInfrastructure({ mode: 'env', kafkaBrokers: 'k:1', mongodbUri: 'mongodb://u:p@h/' })).toBe(
      'mode env: KAFKA_BROKERS=k:1 MONGODB_URI=mongodb://***@h/',
    );
  });
});

describe('kafka test container', () => {
  it('advertises the mapped host port and keeps an in-container broker listener', () => {
    const script = kafkaStarterScript('localhost:32771');
    expect(script).toContain("KAFKA_ADVERTISED_LISTENERS='PLAINTEXT://localhost:32771,BROKER://localhost:19092'");
    expect(script).toContain('exec /etc/kafka/docker/run');
  });

  it('declares every advertised listener and a complete single-node KRaft configuration', () => {
    const env = kafkaContainerEnv('AAAAAAAAAAAAAAAAAAAAAA');
    const listenerNames = env.KAFKA_LISTENERS.split(',').map((l) => l.split('://')[0]);
    const mapped = env.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',').map((m) => m.split(':')[0]);
    expect(listenerNames.sort()).toEqual(['BROKER', 'CONTROLLER', 'PLAINTEXT']);
    expect(mapped.sort()).toEqual(['BROKER', 'CONTROLLER', 'PLAINTEXT']);
    expect(env).toMatchObject({
      CLUSTER_ID: 'AAAAAAAAAAAAAAAAAAAAAA',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    });
  });
});
