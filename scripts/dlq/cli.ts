/**
 * `npm run dlq -- list|show|replay --topic <topic> [--offset <partition:offset>] [--prefix <p>] [--brokers <b>]`
 * Inspect and replay dead-lettered messages once the cause has been fixed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeadLetter, listDeadLetters, replayDeadLetters } from './dead-letters';

const USAGE =
  'usage: npm run dlq -- list|show|replay --topic <topic> [--offset <partition:offset>] [--prefix <p>] [--brokers <host:port,...>]';

function defaultBrokers(): string {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  const envFile = resolve(__dirname, '../../.local/infra.env');
  const line = existsSync(envFile) ? readFileSync(envFile, 'utf8').match(/^KAFKA_BROKERS=(.+)$/m) : null;
  return line ? line[1].trim() : '127.0.0.1:9092';
}

function summary(letter: DeadLetter): string {
  const h = letter.headers;
  return [
    `${letter.partition}:${letter.offset}`.padEnd(8),
    (h.dlq_error_code ?? '?').padEnd(24),
    (h.ce_type ?? '-').padEnd(18),
    (h.dlq_failed_at ?? '').padEnd(25),
    letter.replayed ? 'replayed' : 'waiting ',
    (h.dlq_error ?? '').slice(0, 100),
  ].join(' ');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { topic: { type: 'string' }, offset: { type: 'string' }, prefix: { type: 'string' }, brokers: { type: 'string' } },
  });
  const [command] = positionals;
  if (!values.topic || !['list', 'show', 'replay'].includes(command ?? '')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const only = values.offset ? parseOffset(values.offset) : undefined;
  const options = {
    topic: values.topic.replace(/\.dlq$/, ''),
    prefix: values.prefix ?? process.env.KAFKA_TOPIC_PREFIX ?? '',
    brokers: (values.brokers ?? defaultBrokers()).split(','),
  };
  if (command === 'replay') {
    const replayed = await replayDeadLetters(options, only);
    process.stdout.write(`replayed ${replayed.length} message(s) to ${options.prefix}${options.topic}\n`);
    for (const letter of replayed) process.stdout.write(`  ${summary(letter)}\n`);
    return 0;
  }
  const letters = (await listDeadLetters(options)).filter((l) => !only || (l.partition === only.partition && l.offset === only.offset));
  if (command === 'list') {
    process.stdout.write(`${letters.length} dead letter(s) on ${options.prefix}${options.topic}.dlq\n`);
    for (const letter of letters) process.stdout.write(`  ${summary(letter)}\n`);
  } else {
    for (const letter of letters) {
      process.stdout.write(
        `${JSON.stringify({ partition: letter.partition, offset: letter.offset, key: letter.key, replayed: letter.replayed, headers: letter.headers, value: letter.value?.toString('utf8') ?? null }, null, 2)}\n`,
      );
    }
  }
  return 0;
}

function parseOffset(value: string): { partition: number; offset: string } {
  const match = /^(\d+):(\d+)$/.exec(value);
  if (!match) throw new Error(`--offset must be partition:offset, got "${value}"`);
  return { partition: Number(match[1]), offset: match[2] };
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`dlq: ${error.message}\n`);
    process.exit(1);
  },
);
