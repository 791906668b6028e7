export const THREAD_SORTS = ['oldest', 'newest', 'top'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

/** The moderation queue is read oldest first, like the "oldest" thread order. */
export type CommentOrder = ThreadSort;

type SortField = 'featured' | 'repliesCount' | 'submittedAt' | '_id';
type SortKey = [SortField, 1 | -1];

/** Each order ends with a unique key (the id), so a cursor names one exact position. */
const ORDERS: Record<CommentOrder, SortKey[]> = {
  oldest: [
    ['submittedAt', 1],
    ['_id', 1],
  ],
  newest: [
    ['submittedAt', -1],
    ['_id', -1],
  ],
  top: [
    ['featured', -1],
    ['repliesCount', -1],
    ['submittedAt', -1],
    ['_id', -1],
  ],
};

export interface SortableComment {
  _id: string;
  featured: boolean;
  repliesCount: number;
  submittedAt: Date;
}

type CursorValue = string | number | boolean | Date;

export function sortOf(order: CommentOrder): Record<string, 1 | -1> {
  return Object.fromEntries(ORDERS[order]);
}

export function encodeCursor(order: CommentOrder, comment: SortableComment): string {
  const values = ORDERS[order].map(([field]) => {
    const value = comment[field];
    return value instanceof Date ? value.toISOString() : value;
  });
  return Buffer.from(JSON.stringify([order, ...values]), 'utf8').toString('base64url');
}

/** The position a cursor names, or undefined when it is malformed or was issued for another order. */
export function decodeCursor(order: CommentOrder, cursor: string): CursorValue[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const keys = ORDERS[order];
  if (!Array.isArray(parsed) || parsed.length !== keys.length + 1 || parsed[0] !== order) return undefined;
  const values: CursorValue[] = [];
  for (const [index, [field]] of keys.entries()) {
    const value: unknown = parsed[index + 1];
    if (field === 'submittedAt') {
      const date = typeof value === 'string' ? new Date(value) : undefined;
      if (!date || Number.isNaN(date.getTime()) || date.toISOString() !== value) return undefined;
      values.push(date);
    } else if (
      field === 'featured' ? typeof value === 'boolean' : field === 'repliesCount' ? Number.isInteger(value) : typeof value === 'string'
    ) {
      values.push(value as CursorValue);
    } else {
      return undefined;
    }
  }
  return values;
}

/**
 * A filter for what comes after a position in an order (keyset pagination): equal on the first
 * keys and past the position on the next one, for each key in turn.
 */
export function afterFilter(order: CommentOrder, values: CursorValue[]): Record<string, unknown> {
  const keys = ORDERS[order];
  return {
    $or: keys.map(([field, direction], index) => ({
      ...Object.fromEntries(keys.slice(0, index).map(([earlier], i) => [earlier, values[i]])),
      [field]: { [direction === 1 ? '$gt' : '$lt']: values[index] },
    })),
  };
}
