import { createHash } from 'node:crypto';

/** Namespace for article ids (RFC 4122 name-based, SHA-1): the same source + sourceId is the same article. */
const ARTICLE_NAMESPACE = 'b3c5d8a2-6f1e-4c7a-9d2b-1e8f0a4c6b39';

export function articleIdFor(source: string, sourceId: string): string {
  return uuidV5(`${source}\u0000${sourceId}`, ARTICLE_NAMESPACE);
}

function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
