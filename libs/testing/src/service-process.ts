import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventually } from './eventually';

export type ServiceName = 'gateway' | 'ingest' | 'article' | 'comment' | 'feed';

const REPO_ROOT = resolve(__dirname, '../../..');

export function builtEntryPoint(service: ServiceName): string {
  return join(REPO_ROOT, 'dist', 'apps', service, 'src', 'main.js');
}

/**
 * One service running as its own process from the build output, as in production. Its JSON log
 * lines are kept (in memory and under artifacts/logs) so tests can read them and people can debug.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private logFile?: WriteStream;
  readonly output: string[] = [];

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
    /** Names the log file; differs from `name` for the extra replicas of a service. */
    readonly instance: string = name,
  ) {}

  /** Another process of the same service and configuration (same group, same database) on its own port. */
  replica(port: number, instance: string): ServiceProcess {
    return new ServiceProcess(this.name, port, this.env, this.logDir, instance);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process id while it runs (for benches that read its CPU time). */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    this.logFile = createWriteStream(join(this.logDir, `${this.instance}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [builtEntryPoint(this.name)], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.logFile?.write(chunk);
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
    await this.waitUntilReady();
  }

  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        if (!this.running) throw new Error(`${this.name} exited:\n${this.output.slice(-20).join('\n')}`);
        const response = await fetch(`${this.url}/health/ready`);
        if (response.status !== 200) throw new Error(`${this.name} not ready: ${await response.text()}`);
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** Sends the signal and waits for the process to exit; returns how it ended and how long it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    if (!this.child || !this.exit) throw new Error(`${this.name} was never started`);
    const started = Date.now();
    if (this.running) this.child.kill(signal);
    const result = await this.exit;
    this.logFile?.end();
    return { ...result, ms: Date.now() - started };
  }

  /** Parsed JSON log lines (non-JSON lines are skipped). */
  logLines(): Record<string, unknown>[] {
    return this.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }
}
