/**
 * C0 control characters and DEL, except tab, line feed and carriage return. They carry no meaning in news
 * text or comments, XML (RSS, Atom) cannot hold them, terminals act on them (ESC sequences), and
 * PostgreSQL-backed stores refuse U+0000 outright. So text is stripped of them where it enters the system.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/**
 * A copy of the value with every string inside it (object properties, array items) stripped of control
 * characters. Objects keep their class (validated event data is class instances); dates and binary stay as
 * they are.
 */
export function withoutControlCharactersDeep<T>(value: T): T {
  if (typeof value === 'string') return withoutControlCharacters(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutControlCharactersDeep(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value)) return value;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) copy[key] = withoutControlCharactersDeep(item);
  return copy as T;
}
