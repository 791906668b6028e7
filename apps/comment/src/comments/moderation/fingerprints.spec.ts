import { commenterHash, textHash } from './fingerprints';

describe('fingerprints', () => {
  it('hashes the normalised email with the secret', () => {
    expect(commenterHash('s', ' Ann@Example.ORG ')).toBe(commenterHash('s', 'ann@example.org'));
    expect(commenterHash('s', 'ann@example.org')).not.toBe(commenterHash('other', 'ann@example.org'));
    expect(commenterHash('s', 'ann@example.org')).not.toContain('ann');
  });

  it('treats the same words in another case or spacing as the same text', () => {
    expect(textHash('The  very same\nWORDS')).toBe(textHash('the very same words'));
    expect(textHash('one text')).not.toBe(textHash('another text'));
  });
});
