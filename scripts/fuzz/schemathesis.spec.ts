import { casesGenerated, CHECKS, readJunit, schemathesisArgs } from './schemathesis';

const JUNIT = `<?xml version="1.0" encoding="utf-8"?>
<testsuites errors="0" failures="1" skipped="0" tests="3" time="5.0">
  <testsuite name="schemathesis" errors="0" failures="1" skipped="0" tests="3" time="5.0">
    <testcase name="GET /" time="0.06" />
    <testcase name="GET /search" time="1.5">
      <failure type="failure" message="ST101, ST103">Received: 500 curl -X GET 'http://127.0.0.1:1/search?q=null&amp;q=null'</failure>
    </testcase>
    <testcase name="GET /v1/articles/{slug}?a=&quot;b&quot;" time="0.3">
    </testcase>
  </testsuite>
</testsuites>`;

describe('schemathesis runner', () => {
  it('reads every operation and names the failed ones from the JUnit report', () => {
    expect(readJunit(JUNIT)).toEqual({ operations: 3, failures: ['GET /search'] });
  });

  it('decodes entity-escaped operation names', () => {
    const xml = `<testsuites><testcase name="POST /a/{b}?c=&quot;&lt;d&gt;&amp;"><error message="x">boom</error></testcase></testsuites>`;
    expect(readJunit(xml)).toEqual({ operations: 1, failures: ['POST /a/{b}?c="<d>&'] });
  });

  it('takes the number of generated cases from the summary', () => {
    expect(casesGenerated('Test cases:\n  553 generated, 2 found 3 unique failures\n')).toBe(553);
    expect(casesGenerated('Test cases:\n  69 generated, 69 passed\n')).toBe(69);
    expect(casesGenerated('Error: cannot load the schema')).toBe(0);
  });

  it('fuzzes the document of the target with valid and invalid data, its headers, and only the paths chosen', () => {
    const args = schemathesisArgs(
      {
        label: 'x',
        baseUrl: 'http://127.0.0.1:4000',
        headers: { authorization: 'Bearer k' },
        exclude: ['/search'],
        includePathRegex: '^/v1/',
      },
      { maxExamples: 7, seed: 3, reportDir: '/tmp' },
      '/tmp/x.junit.xml',
    );
    expect(args.slice(0, 2)).toEqual(['run', 'http://127.0.0.1:4000/docs-json']);
    const option = (name: string) => args[args.indexOf(name) + 1];
    expect(option('--checks')).toBe(CHECKS.join(','));
    expect(option('--mode')).toBe('all');
    expect(option('--max-examples')).toBe('7');
    expect(option('--seed')).toBe('3');
    expect(option('--exclude-path')).toBe('/search');
    expect(option('--include-path-regex')).toBe('^/v1/');
    expect(option('--header')).toBe('authorization: Bearer k');
    expect(option('--report-junit-path')).toBe('/tmp/x.junit.xml');
    expect(CHECKS).toEqual(
      expect.arrayContaining(['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance']),
    );
  });
});
