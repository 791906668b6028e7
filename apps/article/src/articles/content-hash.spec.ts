import { ArticleContent, contentHash } from './content-hash';

const content: ArticleContent = {
  headline: 'Storm hits the coast',
  body: 'A storm hit the coast on Tuesday.',
  bodyFormat: 'text',
  section: 'world',
  tags: ['weather', 'coast'],
  byline: 'Ann Reporter',
  dateline: 'BERGEN',
  publishedAt: new Date('2024-03-05T10:20:30.000Z'),
};

describe('contentHash', () => {
  it('is a SHA-256 hex digest, the same for the same content', () => {
    expect(contentHash(content)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ ...content, tags: [...content.tags], publishedAt: new Date(content.publishedAt) })).toBe(contentHash(content));
  });

  it('does not depend on the order of the tags', () => {
    expect(contentHash({ ...content, tags: ['coast', 'weather'] })).toBe(contentHash(content));
  });

  it('does not sort the caller tags in place', () => {
    const tags = ['weather', 'coast'];
    contentHash({ ...content, tags });
    expect(tags).toEqual(['weather', 'coast']);
  });

  it('treats an optional field that is undefined, missing or empty alike', () => {
    const { section: _section, byline: _byline, dateline: _dateline, ...missing } = content;
    const undefinedFields = { ...content, section: undefined, byline: undefined, dateline: undefined };
    const emptyFields = { ...content, section: '', byline: '', dateline: '' };
    expect(contentHash(missing)).toBe(contentHash(undefinedFields));
    expect(contentHash(emptyFields)).toBe(contentHash(undefinedFields));
  });

  it.each<[string, Partial<ArticleContent>]>([
    ['headline', { headline: 'Storm hits the coast!' }],
    ['body', { body: 'A storm hit the coast on Wednesday.' }],
    ['body whitespace', { body: 'A storm hit the coast on Tuesday. ' }],
    ['bodyFormat', { bodyFormat: 'html' }],
    ['section', { section: 'europe' }],
    ['section removed', { section: undefined }],
    ['a tag', { tags: ['weather', 'coasts'] }],
    ['a tag added', { tags: ['weather', 'coast', 'norway'] }],
    ['a tag removed', { tags: ['weather'] }],
    ['no tags', { tags: [] }],
    ['byline', { byline: 'Bo Reporter' }],
    ['dateline', { dateline: 'OSLO' }],
    ['publishedAt, by a millisecond', { publishedAt: new Date('2024-03-05T10:20:30.001Z') }],
  ])('changes when the %s changes', (_field, change) => {
    expect(contentHash({ ...content, ...change })).not.toBe(contentHash(content));
  });

  it('does not confuse text moved from one field to the next', () => {
    expect(contentHash({ ...content, headline: 'Storm', body: 'hits the coast' })).not.toBe(
      contentHash({ ...content, headline: 'Storm hits', body: 'the coast' }),
    );
    expect(contentHash({ ...content, byline: 'Ann', dateline: undefined })).not.toBe(
      contentHash({ ...content, byline: undefined, dateline: 'Ann' }),
    );
    expect(contentHash({ ...content, tags: ['a,b'] })).not.toBe(contentHash({ ...content, tags: ['a', 'b'] }));
  });
});

describe('contentHash of the structured fields', () => {
  const structured: ArticleContent = {
    ...content,
    blocks: [
      { type: 'paragraph', text: 'A storm hit the coast on Tuesday.' },
      { type: 'list', ordered: false, items: ['Roads closed', 'Ferries cancelled'] },
    ],
    standfirst: 'Ferries stopped.',
    language: 'en',
    entities: { people: ['Ann Reporter'], places: ['Bergen', 'Oslo'], organisations: [] },
    readingTimeMinutes: 1,
  };

  it('keeps the hash of an article without them, so stored articles are not re-versioned', () => {
    expect(contentHash({ ...content, blocks: undefined, standfirst: undefined, entities: undefined })).toBe(contentHash(content));
  });

  it.each<[string, Partial<ArticleContent>]>([
    ['a block', { blocks: [{ type: 'paragraph', text: 'A storm hit the coast on Tuesday!' }] }],
    ['a list becoming ordered', { blocks: [structured.blocks![0], { ...structured.blocks![1], ordered: true }] }],
    ['the standfirst', { standfirst: 'Ferries stopped again.' }],
    ['the language', { language: 'nb' }],
    ['an entity', { entities: { people: [], places: ['Bergen'], organisations: [] } }],
  ])('changes when %s changes', (_field, change) => {
    expect(contentHash({ ...structured, ...change })).not.toBe(contentHash(structured));
  });

  it('does not depend on the order of entities', () => {
    expect(contentHash({ ...structured, entities: { people: ['Ann Reporter'], places: ['Oslo', 'Bergen'], organisations: [] } })).toBe(
      contentHash(structured),
    );
  });
});
