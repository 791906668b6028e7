import { kafkaLibMarker, renderKafkaPom, renderServerProperties } from './kafka-config';

function parseProperties(text: string): Record<string, string> {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('renderServerProperties', () => {
  const properties = parseProperties(
    renderServerProperties({ port: 19092, controllerPort: 19093, partnerPort: 19094, dataDir: '/repo/.local/kafka/data' }),
  );

  it('holds partners to ACLs on their own SCRAM listener, the services being super users on loopback', () => {
    expect(properties).toMatchObject({
      'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users': 'User:ANONYMOUS',
      'allow.everyone.if.no.acl.found': 'false',
    });
  });

  it('configures a single combined KRaft node on 127.0.0.1', () => {
    expect(properties).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:19093',
      listeners: 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093,PARTNER://127.0.0.1:19094',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:19092,PARTNER://127.0.0.1:19094',
      'controller.listener.names': 'CONTROLLER',
      'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PARTNER:SASL_PLAINTEXT',
      'log.dirs': '/repo/.local/kafka/data',
    });
  });

  it('sets every internal topic to replication factor 1 and min ISR 1', () => {
    const replication = Object.entries(properties).filter(([key]) => /replication\.factor$|min\.isr$|min\.insync\.replicas$/.test(key));
    expect(replication.map(([key]) => key).sort()).toEqual([
      'default.replication.factor',
      'min.insync.replicas',
      'offsets.topic.replication.factor',
      'share.coordinator.state.topic.min.isr',
      'share.coordinator.state.topic.replication.factor',
      'transaction.state.log.min.isr',
      'transaction.state.log.replication.factor',
    ]);
    expect(new Set(replication.map(([, value]) => value))).toEqual(new Set(['1']));
  });

  it('keeps consumer groups fast and topics explicit', () => {
    expect(properties).toMatchObject({
      'offsets.topic.num.partitions': '1',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'false',
      'num.partitions': '6',
    });
  });

  it('bounds retention and segment size', () => {
    expect(Number(properties['log.retention.hours'])).toBeGreaterThan(0);
    expect(Number(properties['log.segment.bytes'])).toBeLessThanOrEqual(64 * 1024 * 1024);
  });

  it('renders each key once', () => {
    const text = renderServerProperties({ port: 9092, controllerPort: 9093, partnerPort: 9094, dataDir: '/d' });
    const keys = text
      .split('\n')
      .filter((l) => l.includes('=') && !l.startsWith('#'))
      .map((l) => l.split('=')[0]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('renderKafkaPom', () => {
  it('depends on kafka_2.13 4.1.1 and slf4j-simple 1.7.36', () => {
    const pom = renderKafkaPom();
    expect(pom).toMatch(/<artifactId>kafka_2\.13<\/artifactId>\s*<version>4\.1\.1<\/version>/);
    expect(pom).toMatch(/<artifactId>slf4j-simple<\/artifactId>\s*<version>1\.7\.36<\/version>/);
  });

  it('has a marker that names both versions', () => {
    expect(kafkaLibMarker()).toContain('4.1.1');
    expect(kafkaLibMarker()).toContain('1.7.36');
  });
});
