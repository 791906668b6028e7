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
