import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Endpoints } from './config';
import { runCommand, runInherited } from './processes';

export const COMPOSE_INFRA_SERVICES = ['kafka', 'mongo'];

/** What docker-compose.yml publishes on the host for kafka and mongo. */
export const COMPOSE_ENDPOINTS: Endpoints = {
  kafkaBrokers: 'localhost:9092',
  mongodbUri: 'mongodb://localhost:27017/?directConnection=true',
};

export function dockerEngineAnswers(timeoutMs = 5_000): boolean {
  const result = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: timeoutMs });
  return result.status === 0;
}

function composeArgs(repoRoot: string, ...args: string[]): string[] {
  return ['compose', '-f', join(repoRoot, 'docker-compose.yml'), ...args];
}

export function composeUp(repoRoot: string): Promise<void> {
  return runInherited({
    command: 'docker',
    args: composeArgs(repoRoot, 'up', '-d', '--wait', ...COMPOSE_INFRA_SERVICES),
    cwd: repoRoot,
  });
}

export function composeStop(repoRoot: string): Promise<void> {
  return runInherited({
    command: 'docker',
    args: composeArgs(repoRoot, 'stop', ...COMPOSE_INFRA_SERVICES),
    cwd: repoRoot,
  });
}

export function composeStatus(repoRoot: string): Promise<string> {
  return runCommand({ command: 'docker', args: composeArgs(repoRoot, 'ps', ...COMPOSE_INFRA_SERVICES), cwd: repoRoot });
}
