import { failureReport, runFuzz } from '../scripts/fuzz/fuzz';

/**
 * `npm run fuzz`, small: schemathesis sends generated requests (valid and invalid: boundary numbers,
 * odd Unicode, missing and extra fields, wrong types and content types) to every route in the five
 * services' OpenAPI documents, with and without credentials, and checks every answer.
 */
describe('OpenAPI fuzz (schemathesis, smoke)', () => {
  it('every documented route answers without a 5xx, with a documented status and content type, and a body matching its schema', async () => {
    const { results } = await runFuzz({ maxExamples: 5, seed: 1, label: 'openapi-fuzz' });

    const failed = results.filter((result) => result.exitCode !== 0);
    if (failed.length > 0) throw new Error(`schemathesis found problems:\n\n${failed.map(failureReport).join('\n\n')}`);

    // Health (2) and metrics in every document, plus the service's own routes (only the guarded ones
    // without credentials): a document that lost some would show here.
    const operations = Object.fromEntries(results.map((result) => [result.target.label, result.operations]));
    expect(operations).toEqual({
      gateway: expect.any(Number),
      'ingest with API key': expect.any(Number),
      'ingest without credentials': expect.any(Number),
      article: 4,
      'comment with moderator token': 11,
      'comment without credentials': 6,
      feed: 8,
    });
    expect(operations.gateway).toBeGreaterThanOrEqual(20);
    expect(operations['ingest with API key']).toBeGreaterThanOrEqual(6);
    expect(operations['ingest without credentials']).toBe(operations['ingest with API key'] - 3);
    for (const result of results) expect(result.cases).toBeGreaterThanOrEqual(result.operations * 5);
  }, 240_000);
});
