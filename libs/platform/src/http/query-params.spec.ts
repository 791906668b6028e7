import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CursorQuery, OptionalIntegerQuery } from './query-params';

class PageQuery {
  @OptionalIntegerQuery({ max: 50, default: 20 })
  limit = 20;

  @CursorQuery(10)
  cursor?: string;
}

const problems = (query: Record<string, string>) =>
  validateSync(plainToInstance(PageQuery, query)).map((error) => `${error.property}: ${Object.keys(error.constraints ?? {}).join(',')}`);

describe('query parameter decorators', () => {
  it('converts a whole number and keeps the default when absent', () => {
    expect(plainToInstance(PageQuery, { limit: '7' }).limit).toBe(7);
    expect(plainToInstance(PageQuery, {}).limit).toBe(20);
    expect(problems({ limit: '50', cursor: 'abc' })).toEqual([]);
  });

  it('refuses fractions, out-of-range numbers and long cursors', () => {
    expect(problems({ limit: '1.5' })).toEqual(['limit: isInt']);
    expect(problems({ limit: '0' })).toEqual(['limit: min']);
    expect(problems({ limit: '51' })).toEqual(['limit: max']);
    expect(problems({ cursor: 'x'.repeat(11) })).toEqual(['cursor: maxLength']);
  });
});
