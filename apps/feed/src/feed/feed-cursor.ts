/** Position in the newest-first feed: after the item with this publish time and id. */
export interface FeedCursor {
  publishedAt: Date;
  id: string;
}

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(`${cursor.publishedAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): FeedCursor | undefined {
  const [iso, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const publishedAt = new Date(iso ?? '');
  if (rest.length > 0 || !id || Number.isNaN(publishedAt.getTime()) || publishedAt.toISOString() !== iso) return undefined;
  return { publishedAt, id };
}
