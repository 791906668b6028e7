import 'reflect-metadata';
import { ArticleSubmittedData } from '@frontpage/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppError } from '@frontpage/platform';
import { ArticleDraft } from './article-draft';
import { bylineOf, normaliseArticle } from './article-normaliser';
import { splitDateline } from './dateline';
import { mergeEntities } from './entities';
import { teaserOf } from './teaser';

const draft = (overrides: Partial<ArticleDraft> = {}): ArticleDraft => ({
  source: 'wire',
  sourceId: 'story-1',
  headline: 'Senate passes the harbour bill',
  bylines: [],
  body: { format: 'text', content: 'The Senate passed the bill.' },
  images: [],
  tags: [],
  ...overrides,
});
const at = new Date('2026-03-01T10:00:00.000Z');

describe('normaliseArticle', () => {
  it('sanitises HTML to blocks: no script, handler or frame survives, and the command is valid', () => {
    const html =
      '<p onclick="x()">WASHINGTON (Reuters) - The Senate <b>passed</b> it.<script>alert(1)</script></p>' +
      '<iframe src="https://evil.example"></iframe><img src="javascript:alert(1)"><ul><li>One</li></ul>';
    const command = normaliseArticle(draft({ body: { format: 'html', content: html } }), at);
    expect(command.blocks).toEqual([
      { type: 'paragraph', text: 'The Senate passed it.' },
      { type: 'list', ordered: false, items: ['One'] },
    ]);
    expect(command.dateline).toBe('WASHINGTON (Reuters) -');
    expect(command.body).toBe('The Senate passed it.\n\n- One');
    expect(validateSync(plainToInstance(ArticleSubmittedData, command), { forbidUnknownValues: true })).toEqual([]);
  });

  it('plain-texts the headline and standfirst, and uses the standfirst as teaser', () => {
    const command = normaliseArticle(draft({ headline: 'Storm <i>hits</i> &amp; stays', standfirst: '<b>Ferries</b> stop.' }), at);
    expect(command.headline).toBe('Storm hits & stays');
    expect(command.standfirst).toBe('Ferries stop.');
    expect(command.teaser).toBe('Ferries stop.');
  });

  it('detects the language and finds entities, merged with the source ones', () => {
    const command = normaliseArticle(
      draft({
        body: {
          format: 'text',
          content: 'President Joe Biden met officials of the World Bank in Chicago on Tuesday to discuss the harbour.',
        },
        entities: { places: ['Illinois'] },
      }),
      at,
    );
    expect(command.language).toBe('en');
    expect(command.entities).toEqual({ people: ['Joe Biden'], places: ['Illinois', 'Chicago'], organisations: ['World Bank'] });
    expect(command.readingTimeMinutes).toBe(1);
    const french = normaliseArticle(
      draft({
        body: {
          format: 'text',
          content: 'Le gouvernement a annoncé mardi une nouvelle réforme des retraites, contestée par les syndicats.',
        },
      }),
      at,
    );
    expect(french.language).toBe('fr');
    expect(french.entities).toEqual({ people: [], places: [], organisations: [] });
  });

  it('refuses a body with no text once sanitised, with the field named', () => {
    expect.assertions(2);
    try {
      normaliseArticle(draft({ body: { format: 'html', content: '<script>x</script>' } }), at);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).options.fields).toEqual([{ field: 'body', problems: ['body has no text once sanitised'] }]);
    }
  });
});

describe('splitDateline', () => {
  it.each([
    ['New Delhi, Sept 29- According to data.', 'New Delhi, Sept 29-'],
    ['WASHINGTON (Reuters) - The Senate voted.', 'WASHINGTON (Reuters) -'],
    ['PARIS, March 3 (AP) — Police said.', 'PARIS, March 3 (AP) —'],
    ['RIO DE JANEIRO — Carnival began.', 'RIO DE JANEIRO —'],
    ['BERLIN, 5 March (dpa) - Talks resumed.', 'BERLIN, 5 March (dpa) -'],
  ])('finds the dateline of %j', (paragraph, dateline) => {
    expect(splitDateline(paragraph)?.dateline).toBe(dateline);
  });

  it.each(['The Senate - said to be divided - voted.', 'Officials - and their families - left.', 'No dash here at all.'])(
    'finds none in %j',
    (paragraph) => {
      expect(splitDateline(paragraph)).toBeUndefined();
    },
  );
});

describe('small helpers', () => {
  it('joins bylines', () => {
    expect(bylineOf(['By Ann Lee'])).toBe('Ann Lee');
    expect(bylineOf(['Ann Lee', 'Bo Chan', 'Cy Dee', 'ann lee'])).toBe('Ann Lee, Bo Chan, Cy Dee and ann lee');
    expect(bylineOf([' '])).toBeUndefined();
  });

  it('cuts a teaser at a word', () => {
    expect(teaserOf(undefined, 'word '.repeat(100), 20)).toBe('word word word word…');
  });

  it('merges entities once each, whatever the case', () => {
    expect(mergeEntities({ people: ['Ann Lee'] }, { people: ['ann lee', 'Bo Chan'] }).people).toEqual(['Ann Lee', 'Bo Chan']);
  });
});
