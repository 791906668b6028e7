import { withoutControlCharacters, withoutControlCharactersDeep } from './control-characters';

describe('withoutControlCharacters', () => {
  it('drops NUL, other C0 controls and DEL but keeps tab, line breaks and all other Unicode', () => {
    expect(withoutControlCharacters('\u0000null\u0001\u0002\u0007bell\u001b[31mred\u007f')).toBe('nullbell[31mred');
    expect(withoutControlCharacters('a\tb\nc\r\nd \u202Eevil\u202C \u200B😀 ß')).toBe('a\tb\nc\r\nd \u202Eevil\u202C \u200B😀 ß');
  });
});

describe('withoutControlCharactersDeep', () => {
  it('strips every string in nested objects and arrays and leaves other values as they are', () => {
    const date = new Date(0);
    const cleaned = withoutControlCharactersDeep({
      a: 'x\u0000y',
      list: ['\u0001z', 3, null],
      nested: { b: 'q\u001b', at: date, yes: true },
    });
    expect(cleaned).toEqual({ a: 'xy', list: ['z', 3, null], nested: { b: 'q', at: date, yes: true } });
    expect(cleaned.nested.at).toBe(date);
  });

  it('keeps the class of an object (validated event data)', () => {
    class Submission {
      body = 'a\u0000b';
    }
    const cleaned = withoutControlCharactersDeep(new Submission());
    expect(cleaned).toBeInstanceOf(Submission);
    expect(cleaned.body).toBe('ab');
  });
});
