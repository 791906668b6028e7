import { distinctSearchTerms, searchTerms, STOP_WORDS, words } from './tokens';

describe('words', () => {
  it('lower-cases, drops accents and splits on punctuation', () => {
    expect(words('São Paulo’s MAYOR, re-elected!')).toEqual(['sao', 'paulo', 's', 'mayor', 're', 'elected']);
  });

  it('keeps digits and letters of other scripts', () => {
    expect(words('COVID-19 в Москве 4,272')).toEqual(['covid', '19', 'в', 'москве', '4', '272']);
  });
});

describe('searchTerms', () => {
  it('stems so that forms of a word meet', () => {
    const [a] = searchTerms('elections');
    const [b] = searchTerms('election');
    expect(a).toBe(b);
    expect(searchTerms('bridges reopened')).toEqual(searchTerms('bridge reopen'));
  });

  it('drops stop words and single letters', () => {
    expect(searchTerms('What is the news on the harbour of a city')).toEqual(['new', 'harbour', 'citi']);
    expect(STOP_WORDS.has('the')).toBe(true);
  });

  it('keeps numbers as they are', () => {
    expect(searchTerms('4272 infections in 2024')).toEqual(['4272', 'infect', '2024']);
  });

  it('gives nothing for a text of stop words and punctuation', () => {
    expect(searchTerms('the, and... of!')).toEqual([]);
  });

  it('lists each term once in distinctSearchTerms', () => {
    expect(distinctSearchTerms('Storm storms stormy storm')).toEqual(['storm', 'stormi']);
  });
});
