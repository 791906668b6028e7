import { INFRASTRUCTURE_KEY, type InfrastructureHolder } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as InfrastructureHolder;
  const pending = holder[INFRASTRUCTURE_KEY];
  if (!pending) return;
  delete holder[INFRASTRUCTURE_KEY];
  // A failed setup has nothing to stop, and Jest already reported its error.
  const infra = await pending.catch(() => undefined);
  await infra?.stop();
}
