export function log(message: string): void {
  process.stdout.write(`[infra] ${message}\n`);
}

export function logError(message: string): void {
  process.stderr.write(`[infra] ${message}\n`);
}

export class InfraError extends Error {
  override name = 'InfraError';
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
