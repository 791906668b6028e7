import { createHash, createHmac } from 'node:crypto';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Who the commenter is, for repeat, flood and trust checks, without the email: a keyed hash, so
 * a leaked database does not let anyone confirm an address by hashing it themselves.
 */
export function commenterHash(secret: string, email: string): string {
  return createHmac('sha256', secret).update(normaliseEmail(email)).digest('hex');
}

/** The same words in any case and spacing are the same text, for repeat detection. */
export function textHash(text: string): string {
  return createHash('sha256').update(text.toLowerCase().replace(/\s+/g, ' ').trim()).digest('hex');
}
