import { findListed } from './words';

describe('findListed', () => {
  it('matches whole words and phrases, ignoring case and punctuation', () => {
    expect(findListed('Cheap... PILLS! here', ['cheap pills'])).toBe('cheap pills');
    expect(findListed('A classic example', ['class'])).toBeUndefined();
    expect(findListed('Ünïcode wörds', ['wörds'])).toBe('wörds');
    expect(findListed('anything', [])).toBeUndefined();
  });
});
