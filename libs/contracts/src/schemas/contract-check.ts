import { EventSchema } from './event-schemas';
import { breakingChanges } from './schema-compatibility';
import { readCommittedSchemas } from './schema-files';

/**
 * Compares the schemas the code generates with the committed contract: every breaking change to an
 * existing event type, and every event type that disappeared from a topic.
 */
export function contractViolations(generated: EventSchema[]): string[] {
  const current = new Map(generated.map((s) => [`${s.topic}/${s.type}`, s.schema]));
  return readCommittedSchemas().flatMap(({ topic, type, schema }) => {
    const now = current.get(`${topic}/${type}`);
    if (!now) return [`${topic} no longer carries ${type}`];
    return breakingChanges(schema, now).map((problem) => `${topic} ${type}: ${problem}`);
  });
}
