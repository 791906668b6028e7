import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min, MinLength, ValidateNested, validateSync } from 'class-validator';
import { fieldProblems, malformedTextFields, requestValidationPipe } from './validation';

class Address {
  @IsString()
  @MinLength(2)
  city: string;

  @IsInt()
  @Min(1)
  number: number;
}

class Author {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => Address)
  address: Address;
}

class Submission {
  @IsString()
  @MaxLength(5)
  headline: string;

  @ValidateNested()
  @Type(() => Author)
  author: Author;

  @ValidateNested({ each: true })
  @Type(() => Author)
  contributors: Author[];
}

function problemsFor(plain: object) {
  return fieldProblems(validateSync(plainToInstance(Submission, plain)));
}

const valid = {
  headline: 'Hi',
  author: { name: 'Ann', address: { city: 'Oslo', number: 1 } },
  contributors: [{ name: 'Bo', address: { city: 'Rome', number: 2 } }],
};

describe('fieldProblems', () => {
  it('finds nothing wrong with valid input', () => {
    expect(problemsFor(valid)).toEqual([]);
  });

  it('lists every constraint a top-level field breaks', () => {
    expect(problemsFor({ ...valid, headline: 123456 })).toEqual([
      {
        field: 'headline',
        problems: expect.arrayContaining(['headline must be a string', 'headline must be shorter than or equal to 5 characters']),
      },
    ]);
  });

  it('names nested fields by their dotted path, with array indexes', () => {
    const problems = problemsFor({
      ...valid,
      author: { name: 7, address: { city: 'X', number: 0 } },
      contributors: [valid.contributors[0], { name: 'Cy', address: { city: 'Bern', number: 'one' } }],
    });
    expect(problems).toEqual([
      { field: 'author.name', problems: ['name must be a string'] },
      { field: 'author.address.city', problems: ['city must be longer than or equal to 2 characters'] },
      { field: 'author.address.number', problems: ['number must not be less than 1'] },
      { field: 'contributors.1.address.number', problems: expect.arrayContaining(['number must be an integer number']) },
    ]);
  });

  it('reports a parent that has its own problem and nested ones', () => {
    expect(
      fieldProblems([
        {
          property: 'author',
          constraints: { isObject: 'author must be an object' },
          children: [{ property: 'name', constraints: { isString: 'name must be a string' }, children: [] }],
        },
      ]),
    ).toEqual([
      { field: 'author', problems: ['author must be an object'] },
      { field: 'author.name', problems: ['name must be a string'] },
    ]);
  });

  it('prefixes every path with the given parent', () => {
    expect(fieldProblems([{ property: 'limit', constraints: { max: 'limit must not be greater than 50' } }], 'query')).toEqual([
      { field: 'query.limit', problems: ['limit must not be greater than 50'] },
    ]);
  });
});

describe('malformedTextFields', () => {
  it('finds lone surrogates at any depth and leaves well-formed astral text alone', () => {
    const value = { ok: '😀 𝕳', bad: 'a\uD83D', list: ['fine', '\uDC00x'], nested: { pair: '\uD83D\uDE00', tail: 'x\uD83D' } };
    expect(malformedTextFields(value)).toEqual(['bad', 'list[1]', 'nested.tail']);
    expect(malformedTextFields('plain')).toEqual([]);
  });
});

describe('requestValidationPipe on queries', () => {
  class ListQuery {
    @IsInt()
    @Min(1)
    @Type(() => Number)
    limit: number;
  }
  const query = { type: 'query', metatype: ListQuery } as const;

  it('gives the same valid result again, as a copy of its own', async () => {
    const pipe = requestValidationPipe();
    const first = (await pipe.transform({ limit: '20' }, query)) as ListQuery;
    const second = (await pipe.transform({ limit: '20' }, query)) as ListQuery;
    expect(second).toBeInstanceOf(ListQuery);
    expect(second).toEqual(first);
    expect(second.limit).toBe(20);
    expect(second).not.toBe(first);
    second.limit = 3;
    expect(((await pipe.transform({ limit: '20' }, query)) as ListQuery).limit).toBe(20);
  });

  it('still refuses what is invalid, before and after a valid query', async () => {
    const pipe = requestValidationPipe();
    await expect(pipe.transform({ limit: '0' }, query)).rejects.toMatchObject({ httpStatus: 400 });
    await pipe.transform({ limit: '5' }, query);
    await expect(pipe.transform({ limit: '0' }, query)).rejects.toMatchObject({ httpStatus: 400 });
    await expect(pipe.transform({ limit: '5', extra: 'x' }, query)).rejects.toMatchObject({ httpStatus: 400 });
  });
});
