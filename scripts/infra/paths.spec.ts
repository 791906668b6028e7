import { join } from 'node:path';
import { localPaths } from './paths';

describe('localPaths', () => {
  const root = '/repo';

  it('keeps everything under .local by default', () => {
    const paths = localPaths(root, {});
    expect(paths.localDir).toBe(join(root, '.local'));
    expect(paths.kafka.serverProperties).toBe(join(root, '.local', 'kafka', 'server.properties'));
    expect(paths.kafka.libDir).toBe(join(root, '.local', 'kafka', 'lib'));
    expect(paths.ferretdb.dataDir).toBe(join(root, '.local', 'ferretdb', 'data'));
    expect(paths.ferretdb.binary).toBe(join(root, '.local', 'ferretdb', 'bin', 'ferretdb'));
  });

  it('puts a second instance in LOCAL_INFRA_DIR while sharing the downloaded jars and binary', () => {
    const paths = localPaths(root, { LOCAL_INFRA_DIR: ' .local/chaos ' });
    expect(paths.localDir).toBe(join(root, '.local', 'chaos'));
    expect(paths.lockDir).toBe(join(root, '.local', 'chaos', 'infra.lock'));
    expect(paths.kafka.dataDir).toBe(join(root, '.local', 'chaos', 'kafka', 'data'));
    expect(paths.kafka.pidFile).toBe(join(root, '.local', 'chaos', 'kafka', 'kafka.pid'));
    expect(paths.ferretdb.dataDir).toBe(join(root, '.local', 'chaos', 'ferretdb', 'data'));
    expect(paths.kafka.libDir).toBe(join(root, '.local', 'kafka', 'lib'));
    expect(paths.ferretdb.binary).toBe(join(root, '.local', 'ferretdb', 'bin', 'ferretdb'));
  });

  it('accepts an absolute directory', () => {
    expect(localPaths(root, { LOCAL_INFRA_DIR: '/tmp/infra-b' }).kafka.dir).toBe('/tmp/infra-b/kafka');
  });
});
