import { randomBytes } from 'node:crypto';

/** A short unique id for one test run: topic prefixes, databases and consumer groups never collide. */
export function newRunId(label: string): string {
  return `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}-${label}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}
