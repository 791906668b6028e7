import type { Endpoints, InfraMode } from './config';

export interface PartnerEndpoint {
  brokers: string;
  username: string;
  password: string;
}

export function renderInfraEnv(endpoints: Endpoints, mode: InfraMode, partner?: PartnerEndpoint): string {
  return [
    `# Written by infra:up (mode: ${mode}). Load with: set -a; . .local/infra.env; set +a`,
    `KAFKA_BROKERS=${endpoints.kafkaBrokers}`,
    `MONGODB_URI=${endpoints.mongodbUri}`,
    ...(partner
      ? [
          '# A partner: SASL_PLAINTEXT with SCRAM-SHA-512, may read news.* only (development credentials).',
          `KAFKA_PARTNER_BROKERS=${partner.brokers}`,
          `KAFKA_PARTNER_USERNAME=${partner.username}`,
          `KAFKA_PARTNER_PASSWORD=${partner.password}`,
        ]
      : []),
    '',
  ].join('\n');
}
