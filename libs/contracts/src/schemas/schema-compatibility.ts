import { JsonSchema } from './event-schemas';

interface ObjectSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/**
 * Changes from `previous` to `current` that would break a consumer written against `previous`:
 * a field removed, a field's type or format changed, or a field newly required. Adding an optional
 * field, or relaxing a limit, is compatible. A breaking change belongs on a new `vN` topic.
 */
export function breakingChanges(previous: JsonSchema, current: JsonSchema, path = ''): string[] {
  const before = previous as ObjectSchema;
  const after = current as ObjectSchema;
  const problems: string[] = [];
  for (const [name, oldField] of Object.entries(before.properties ?? {})) {
    const field = `${path}${name}`;
    const newField = after.properties?.[name];
    if (!newField) {
      problems.push(`field "${field}" was removed`);
      continue;
    }
    problems.push(...retyped(field, oldField, newField));
  }
  const wasRequired = new Set(before.required ?? []);
  for (const name of after.required ?? []) {
    if (!wasRequired.has(name)) problems.push(`field "${path}${name}" is newly required`);
  }
  return problems;
}

function retyped(field: string, before: JsonSchema, after: JsonSchema): string[] {
  const problems: string[] = [];
  for (const keyword of ['type', 'format'] as const) {
    if (JSON.stringify(before[keyword]) !== JSON.stringify(after[keyword])) {
      problems.push(`field "${field}" changed ${keyword} from ${JSON.stringify(before[keyword])} to ${JSON.stringify(after[keyword])}`);
    }
  }
  if (before.items && after.items) problems.push(...retyped(`${field}[]`, before.items as JsonSchema, after.items as JsonSchema));
  if (before.properties && after.properties) problems.push(...breakingChanges(before, after, `${field}.`));
  return problems;
}
