import { LoggerService } from '@nestjs/common';
import { currentContext } from '../context/request-context';

const SEVERITY = { fatal: 0, error: 1, warn: 2, log: 3, info: 3, debug: 4, verbose: 5 } as const;
type NestLevel = keyof typeof SEVERITY;
const THRESHOLD = { error: 1, warn: 2, info: 3, debug: 5 } as const;

/**
 * One JSON object per line on stdout, with the correlation and trace ids of the work in progress,
 * so logs of one request can be followed across services.
 */
export class JsonLogger implements LoggerService {
  private threshold: number;

  constructor(
    private readonly service: string,
    level: keyof typeof THRESHOLD = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {
    this.threshold = THRESHOLD[level];
  }

  setLevel(level: keyof typeof THRESHOLD): void {
    this.threshold = THRESHOLD[level];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', 'log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', 'error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', 'warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', 'debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', 'verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', 'fatal', message, rest);
  }

  private emit(level: string, nestLevel: NestLevel, message: unknown, rest: unknown[]): void {
    if (SEVERITY[nestLevel] > this.threshold) return;
    // Nest passes the context (a class name) last, and for errors a stack before it.
    const params = [...rest];
    const last = params[params.length - 1];
    const context = typeof last === 'string' && !looksLikeStack(last) ? (params.pop() as string) : undefined;
    const work = currentContext();
    const fields: Record<string, unknown> = { ...describeMessage(message) };
    for (const param of params) {
      if (typeof param === 'string' && looksLikeStack(param)) fields.stack = param;
      else if (param instanceof Error) fields.err = describeError(param);
      else if (param && typeof param === 'object') Object.assign(fields, param);
    }
    // The logger's own fields come last so that a payload can never overwrite them.
    const entry = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(context ? { context } : {}),
      ...fields,
      ...(work ? { correlationId: work.correlationId, traceId: work.trace.traceId } : {}),
    };
    Object.assign(entry, { time: entry.time, level, service: this.service });
    this.write(`${JSON.stringify(entry)}\n`);
  }
}

function looksLikeStack(text: string): boolean {
  return /\n\s+at /.test(text);
}

function describeMessage(message: unknown): Record<string, unknown> {
  if (message instanceof Error) return { msg: message.message, err: describeError(message) };
  if (typeof message === 'string') return { msg: message };
  if (message && typeof message === 'object') return { ...(message as Record<string, unknown>) };
  return { msg: String(message) };
}

function describeError(error: Error): Record<string, unknown> {
  return { name: error.name, message: error.message, stack: error.stack };
}
