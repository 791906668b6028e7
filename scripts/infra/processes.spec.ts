import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, isPortInUse, type ManagedProcess, readPid, runningPid, tailFile } from './processes';
import { formatStatus } from './local';

describe('process bookkeeping', () => {
  let dir: string;
  let proc: ManagedProcess;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'infra-spec-'));
    proc = {
      name: 'thing',
      pidFile: join(dir, 'thing.pid'),
      logFile: join(dir, 'thing.log'),
      cmdlineMarker: join(dir, 'marker'),
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads pid files and ignores garbage', () => {
    expect(readPid(proc.pidFile)).toBeUndefined();
    writeFileSync(proc.pidFile, 'not a pid\n');
    expect(readPid(proc.pidFile)).toBeUndefined();
    writeFileSync(proc.pidFile, '1234\n');
    expect(readPid(proc.pidFile)).toBe(1234);
  });

  it('sees this process as alive', () => {
    expect(isAlive(process.pid)).toBe(true);
  });

  it('removes a pid file whose process is not ours', () => {
    // This jest worker is alive, but its command line lacks the marker: a recycled pid.
    writeFileSync(proc.pidFile, `${process.pid}\n`);
    expect(runningPid(proc)).toBeUndefined();
    expect(existsSync(proc.pidFile)).toBe(false);
  });

  it('tails the end of a log', () => {
    writeFileSync(proc.logFile, Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(tailFile(proc.logFile, 3)).toBe('line 97\nline 98\nline 99');
    expect(tailFile(join(dir, 'missing.log'))).toBe('(no log file)');
  });
});

describe('isPortInUse', () => {
  it('tells a listening port from a closed one', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await isPortInUse('127.0.0.1', port)).toBe(true);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
    expect(await isPortInUse('127.0.0.1', port)).toBe(false);
  });
});

describe('formatStatus', () => {
  it('shows state, pid and address', () => {
    expect(formatStatus({ name: 'kafka', running: true, pid: 42, address: '127.0.0.1:9092', portTakenByOther: false })).toMatch(
      /^kafka\s+running \(pid 42\)\s+127\.0\.0\.1:9092$/,
    );
    expect(formatStatus({ name: 'ferretdb', running: false, address: 'mongodb://127.0.0.1:27017/', portTakenByOther: true })).toContain(
      'stopped',
    );
  });
});
