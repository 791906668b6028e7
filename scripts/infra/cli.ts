import { mkdirSync, writeFileSync } from 'node:fs';
import { endpointsFromEnv, readLocalPorts } from './config';
import { composeStatus, composeStop, dockerEngineAnswers } from './docker';
import { renderInfraEnv } from './env-file';
import { chooseMode, describeInfrastructure, redactUri, resolveInfrastructure } from './index';
import { downLocal, formatStatus, localStatus, resetLocal } from './local';
import { InfraError, log, logError, seconds } from './log';
import { localPaths, REPO_ROOT } from './paths';

const USAGE = 'usage: tsx scripts/infra/cli.ts up | down | status | reset';
/** LSB convention for "not running", so scripts can test `infra:status`. */
const EXIT_NOT_RUNNING = 3;

async function up(): Promise<number> {
  const started = Date.now();
  const infra = await resolveInfrastructure('start');
  const paths = localPaths();
  mkdirSync(paths.localDir, { recursive: true });
  writeFileSync(paths.envFile, renderInfraEnv(infra, infra.mode, infra.partner));
  log(`up (${describeInfrastructure(infra)}) in ${seconds(started)}; wrote ${paths.envFile}`);
  process.stdout.write(`KAFKA_BROKERS=${infra.kafkaBrokers}\nMONGODB_URI=${redactUri(infra.mongodbUri)}\n`);
  return 0;
}

async function down(): Promise<number> {
  const external = endpointsFromEnv(process.env);
  if (external) log('KAFKA_BROKERS/MONGODB_URI name external infrastructure: that is left alone');
  // Local processes are stopped whatever the mode: they may have been started before the environment changed.
  await downLocal(localPaths());
  if (!external && chooseMode(process.env) === 'docker') await composeStop(REPO_ROOT);
  return 0;
}

async function status(): Promise<number> {
  const external = endpointsFromEnv(process.env);
  if (external)
    log(`environment names external infrastructure: KAFKA_BROKERS=${external.kafkaBrokers} MONGODB_URI=${redactUri(external.mongodbUri)}`);
  const statuses = await localStatus(localPaths(), readLocalPorts(process.env));
  for (const line of statuses.map(formatStatus)) log(line);
  const mode = chooseMode(process.env);
  if (mode === 'docker') process.stdout.write(await composeStatus(REPO_ROOT));
  return mode === 'local' && statuses.some((s) => !s.running) ? EXIT_NOT_RUNNING : 0;
}

async function reset(): Promise<number> {
  await resetLocal(localPaths());
  if (dockerEngineAnswers()) log('Docker volumes are untouched: `docker compose down -v` wipes those');
  return 0;
}

const commands: Record<string, () => Promise<number>> = { up, down, status, reset };

async function main(argv: string[]): Promise<number> {
  const command = commands[argv[0] ?? ''];
  if (!command || argv.length > 1) {
    logError(USAGE);
    return 2;
  }
  return command();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    logError(error instanceof InfraError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
