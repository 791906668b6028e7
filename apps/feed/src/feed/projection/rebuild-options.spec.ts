import { parseRebuildOptions, UsageError } from './rebuild-options';

describe('feed:rebuild options', () => {
  it('rebuilds and drops the old generation after 10 s by default', () => {
    expect(parseRebuildOptions([])).toEqual({
      mode: 'rebuild',
      keepOld: false,
      graceMs: 10_000,
      staleAfterMs: 30_000,
      allowPartialHistory: false,
    });
  });

  it('reads the flags', () => {
    expect(parseRebuildOptions(['--keep-old', '--grace-seconds', '0', '--stale-after-seconds=60', '--allow-partial-history'])).toEqual({
      mode: 'rebuild',
      keepOld: true,
      graceMs: 0,
      staleAfterMs: 60_000,
      allowPartialHistory: true,
    });
    expect(parseRebuildOptions(['--grace-seconds', '2.5']).graceMs).toBe(2500);
    expect(parseRebuildOptions(['--abort']).mode).toBe('abort');
    expect(parseRebuildOptions(['--status']).mode).toBe('status');
  });

  it.each([
    [['--grace-seconds', '-1']],
    [['--grace-seconds', 'soon']],
    [['--stale-after-seconds', '1']],
    [['--abort', '--status']],
    [['--unknown']],
    [['rebuild']],
  ])('refuses %j', (argv) => {
    expect(() => parseRebuildOptions(argv)).toThrow(UsageError);
  });
});
