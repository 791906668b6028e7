import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir, missingToolsMessage, parseGoVersion, parseJavaMajor } from './tools';

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
  ])('reads %s', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it('returns undefined for unknown output', () => {
    expect(parseJavaMajor('command not found')).toBeUndefined();
  });
});

describe('parseGoVersion', () => {
  it('reads go env GOVERSION and go version output', () => {
    expect(parseGoVersion('go1.26.8\n')).toEqual([1, 26]);
    expect(parseGoVersion('go version go1.19.8 linux/amd64')).toEqual([1, 19]);
    expect(parseGoVersion('')).toBeUndefined();
  });
});

describe('missingToolsMessage', () => {
  it('names every missing tool in one message with what to install and the alternative', () => {
    const message = missingToolsMessage([{ tool: 'java' }, { tool: 'mvn' }, { tool: 'go', found: 'Go 1.19' }]);
    expect(message).toContain('java 17+');
    expect(message).toContain('mvn');
    expect(message).toContain('go 1.24+ (found Go 1.19)');
    expect(message).toContain('apt-get install openjdk-17-jre-headless maven');
    expect(message).toContain('KAFKA_BROKERS and MONGODB_URI');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('suggests the postgresql package, or SQLite instead', () => {
    const message = missingToolsMessage([{ tool: 'postgres' }]);
    expect(message).toContain('apt-get install postgresql');
    expect(message).toContain('LOCAL_STORE_BACKEND=sqlite');
  });

  it('suggests only what is missing', () => {
    const message = missingToolsMessage([{ tool: 'mvn' }]);
    expect(message).toContain('apt-get install maven');
    expect(message).not.toContain('openjdk');
    expect(message).not.toContain('go.dev');
  });
});

describe('findPostgresBinDir', () => {
  let root: string;
  const serverIn = (dir: string): void => {
    mkdirSync(dir, { recursive: true });
    for (const program of ['initdb', 'postgres']) {
      writeFileSync(join(dir, program), '#!/bin/sh\n');
      chmodSync(join(dir, program), 0o755);
    }
  };

  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'pgbin-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("takes Debian's newest major version", () => {
    serverIn(join(root, '13', 'bin'));
    serverIn(join(root, '15', 'bin'));
    mkdirSync(join(root, '16', 'bin'), { recursive: true }); // client only: no server programs
    expect(findPostgresBinDir({ PATH: '' }, root)).toBe(join(root, '15', 'bin'));
  });

  it('prefers POSTGRES_BIN_DIR, and finds nothing where the server programs are missing', () => {
    serverIn(join(root, 'custom'));
    serverIn(join(root, '15', 'bin'));
    expect(findPostgresBinDir({ POSTGRES_BIN_DIR: join(root, 'custom'), PATH: '' }, root)).toBe(join(root, 'custom'));
    expect(findPostgresBinDir({ POSTGRES_BIN_DIR: join(root, 'nothing'), PATH: '' }, root)).toBeUndefined();
    expect(findPostgresBinDir({ PATH: '' }, join(root, 'absent'))).toBeUndefined();
  });

  it('falls back to initdb on PATH', () => {
    serverIn(join(root, 'usr', 'bin'));
    expect(findPostgresBinDir({ PATH: join(root, 'usr', 'bin') }, join(root, 'absent'))).toBe(join(root, 'usr', 'bin'));
  });
});
