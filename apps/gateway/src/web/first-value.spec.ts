import { FirstValue } from './web.controller';

describe('FirstValue (query parameters of the HTML pages)', () => {
  const transform = (value: unknown) => FirstValue.transform(value, { type: 'query' });

  it('keeps a single value', () => {
    expect(transform('harbour')).toBe('harbour');
  });

  it('takes the first of a repeated parameter', () => {
    expect(transform(['harbour', 'bridge'])).toBe('harbour');
  });

  it('drops what is not a string', () => {
    expect(transform(undefined)).toBeUndefined();
    expect(transform([])).toBeUndefined();
    expect(transform({ $gt: '' })).toBeUndefined();
  });
});
