import { parseArgs } from 'node:util';

export interface RebuildOptions {
  mode: 'rebuild' | 'abort' | 'status';
  /** Keep the previous generation's collections after the switch (a later rebuild drops them). */
  keepOld: boolean;
  /** Time between the switch and dropping the previous generation: replicas still reading it finish. */
  graceMs: number;
  /** A rebuild whose heartbeat is older than this is taken to have died, and may be taken over. */
  staleAfterMs: number;
  /** Rebuild even from topics that lost old messages to retention, or are empty. */
  allowPartialHistory: boolean;
}

export const REBUILD_USAGE = [
  'usage: npm run feed:rebuild [-- [--keep-old] [--grace-seconds <n>] [--stale-after-seconds <n>] [--allow-partial-history]]',
  '       npm run feed:rebuild -- --status    show which generation is active and whether a rebuild runs',
  '       npm run feed:rebuild -- --abort     clear the mark of a rebuild in progress and drop what it built',
].join('\n');

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function seconds(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback * 1000;
  const parsed = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || parsed < min) throw new UsageError(`--${name} must be a number of seconds >= ${min}, got "${value}"`);
  return Math.round(parsed * 1000);
}

export function parseRebuildOptions(argv: string[]): RebuildOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.abort && values.status) throw new UsageError('--abort and --status exclude each other');
  return {
    mode: values.abort ? 'abort' : values.status ? 'status' : 'rebuild',
    keepOld: values['keep-old'] ?? false,
    graceMs: seconds(values['grace-seconds'], 'grace-seconds', 10, 0),
    staleAfterMs: seconds(values['stale-after-seconds'], 'stale-after-seconds', 30, 5),
    allowPartialHistory: values['allow-partial-history'] ?? false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      'keep-old': { type: 'boolean' },
      'allow-partial-history': { type: 'boolean' },
      'grace-seconds': { type: 'string' },
      'stale-after-seconds': { type: 'string' },
      abort: { type: 'boolean' },
      status: { type: 'boolean' },
    },
  });
}
