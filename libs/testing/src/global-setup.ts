import { type Infrastructure, resolveInfrastructure } from '../../../scripts/infra';

/** Shared with global-teardown.ts; Jest runs both hooks in its parent process, so globalThis is common. */
export const INFRASTRUCTURE_KEY = Symbol.for('frontpage.testing.infrastructure');

export type InfrastructureHolder = typeof globalThis & { [INFRASTRUCTURE_KEY]?: Promise<Infrastructure> };

export default async function globalSetup(): Promise<void> {
  const holder = globalThis as InfrastructureHolder;
  // The integration and e2e projects both name this hook; one jest run must resolve only once.
  holder[INFRASTRUCTURE_KEY] ??= resolveInfrastructure('test');
  const infra = await holder[INFRASTRUCTURE_KEY];
  // Set here in the parent process, these are inherited by every test worker.
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGODB_URI = infra.mongodbUri;
  if (infra.partner && !process.env.KAFKA_PARTNER_BROKERS) {
    process.env.KAFKA_PARTNER_BROKERS = infra.partner.brokers;
    process.env.KAFKA_PARTNER_USERNAME = infra.partner.username;
    process.env.KAFKA_PARTNER_PASSWORD = infra.partner.password;
  }
}
