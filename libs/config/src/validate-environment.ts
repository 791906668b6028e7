import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

type ConfigClass<T> = new () => T;

/**
 * Turns raw environment variables into a typed, validated config object, or throws one
 * ConfigurationError listing every problem, one line per variable.
 */
export function validateEnvironment<T extends object>(schema: ConfigClass<T>) {
  return (raw: Record<string, unknown>): T => {
    const config = plainToInstance(schema, withoutEmptyStrings(raw), {
      enableImplicitConversion: true,
      excludeExtraneousValues: false,
    });
    const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
    if (errors.length > 0) throw new ConfigurationError(errors.flatMap((error) => describe(error, raw)));
    return config;
  };
}

/** An empty variable (`PORT=`) means "not set", so the default applies. */
function withoutEmptyStrings(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
}

/** Shows the variable as it was given, not as converted (a non-number would show as null). */
function describe(error: ValidationError, raw: Record<string, unknown>): string[] {
  const reasons = Object.values(error.constraints ?? {});
  const given = raw[error.property] === '' ? undefined : raw[error.property];
  const shown = given === undefined ? 'not set' : `got ${JSON.stringify(given)}`;
  const own = reasons.length > 0 ? [`${error.property}: ${reasons.join('; ')} (${shown})`] : [];
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, raw))];
}
