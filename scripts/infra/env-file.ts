import type { Endpoints, InfraMode } from './config';

export function renderInfraEnv(endpoints: Endpoints, mode: InfraMode): string {
  return [
    `# Written by infra:up (mode: ${mode}). Load with: set -a; . .local/infra.env; set +a`,
    `KAFKA_BROKERS=${endpoints.kafkaBrokers}`,
    `MONGODB_URI=${endpoints.mongodbUri}`,
    '',
  ].join('\n');
}
