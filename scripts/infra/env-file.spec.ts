import { renderInfraEnv } from './env-file';

describe('renderInfraEnv', () => {
  it('writes KAFKA_BROKERS and MONGODB_URI as shell-sourceable lines', () => {
    const text = renderInfraEnv({ kafkaBrokers: '127.0.0.1:9092', mongodbUri: 'mongodb://127.0.0.1:27017/' }, 'local');
    const lines = text.split('\n');
    expect(lines).toContain('KAFKA_BROKERS=127.0.0.1:9092');
    expect(lines).toContain('MONGODB_URI=mongodb://127.0.0.1:27017/');
    expect(lines.filter((line) => line && !line.startsWith('#')).every((line) => /^[A-Z_]+=\S+$/.test(line))).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('renderInfraEnv with partner access', () => {
  it('adds the partner listener and credentials', () => {
    const text = renderInfraEnv({ kafkaBrokers: 'k:1', mongodbUri: 'mongodb://m/' }, 'local', {
      brokers: '127.0.0.1:9094',
      username: 'partner',
      password: 'secret',
    });
    expect(text).toContain('\nKAFKA_PARTNER_BROKERS=127.0.0.1:9094\n');
    expect(text).toContain('\nKAFKA_PARTNER_USERNAME=partner\n');
    expect(text).toContain('\nKAFKA_PARTNER_PASSWORD=secret\n');
  });
});
