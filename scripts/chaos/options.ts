import { parseArgs } from 'node:util';

export interface ChaosOptions {
  /** Articles ingested during the run (a quarter of them get a second version). */
  articles: number;
  /** Comments submitted through the gateway (about half are approved by the moderator). */
  comments: number;
  seed: number;
  /** How long the workload and the disruptions are spread over, in seconds. */
  durationSeconds: number;
  /** Leave the chaos Kafka and store running afterwards (faster next run). */
  keepInfra: boolean;
}

export const CHAOS_USAGE =
  'usage: npm run chaos -- [--articles N] [--comments N] [--seed N] [--duration SECONDS] [--keep-infra]\n' +
  'defaults: --articles 200 --comments 100 --duration 90 (a few minutes in all), --seed from the clock';

export function parseChaosOptions(argv: string[], now: () => number = Date.now): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string' },
      comments: { type: 'string' },
      seed: { type: 'string' },
      duration: { type: 'string' },
      'keep-infra': { type: 'boolean', default: false },
    },
    strict: true,
  });
  return {
    articles: count('articles', values.articles, 200, 1),
    comments: count('comments', values.comments, 100, 0),
    seed: count('seed', values.seed, now() % 2 ** 31, 0),
    durationSeconds: count('duration', values.duration, 90, 5),
    keepInfra: values['keep-infra'] ?? false,
  };
}

function count(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer of at least ${min}, got "${raw}"`);
  return value;
}
