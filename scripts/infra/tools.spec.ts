import { missingToolsMessage, parseGoVersion, parseJavaMajor } from './tools';

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

  it('suggests only what is missing', () => {
    const message = missingToolsMessage([{ tool: 'mvn' }]);
    expect(message).toContain('apt-get install maven');
    expect(message).not.toContain('openjdk');
    expect(message).not.toContain('go.dev');
  });
});
