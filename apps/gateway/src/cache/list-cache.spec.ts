import { ListCache } from './list-cache';

describe('ListCache', () => {
  let now = 0;
  const cache = (maxEntries = 10) => new ListCache({ freshMs: 1000, staleMs: 60_000, maxEntries, now: () => now });
  beforeEach(() => (now = 1_000_000));

  it('serves a fresh entry without calling the upstream again', async () => {
    const c = cache();
    const load = jest.fn().mockResolvedValue('v1');
    expect(await c.get('k', load)).toEqual({ value: 'v1', stale: false });
    now += 999;
    expect(await c.get('k', load)).toEqual({ value: 'v1', stale: false });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reloads once fresh time is over', async () => {
    const c = cache();
    await c.get('k', async () => 'v1');
    now += 1000;
    expect(await c.get('k', async () => 'v2')).toEqual({ value: 'v2', stale: false });
  });

  it('serves the old copy marked stale when the upstream fails, until stale time is over', async () => {
    const c = cache();
    await c.get('k', async () => 'v1');
    now += 5000;
    const failing = () => Promise.reject(new Error('down'));
    expect(await c.get('k', failing)).toEqual({ value: 'v1', stale: true });
    now += 60_000;
    await expect(c.get('k', failing)).rejects.toThrow('down');
  });

  it('does not serve stale for errors the caller says are not outages', async () => {
    const c = cache();
    await c.get('k', async () => 'v1');
    now += 5000;
    await expect(
      c.get(
        'k',
        () => Promise.reject(new Error('bad request')),
        () => false,
      ),
    ).rejects.toThrow('bad request');
  });

  it('shares one upstream call between concurrent misses', async () => {
    const c = cache();
    let resolve!: (value: string) => void;
    const load = jest.fn(() => new Promise<string>((r) => (resolve = r)));
    const both = Promise.all([c.get('k', load), c.get('k', load)]);
    resolve('v');
    expect((await both).map((r) => r.value)).toEqual(['v', 'v']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('evicts the oldest entries past the maximum', async () => {
    const c = cache(2);
    for (const key of ['a', 'b', 'c']) await c.get(key, async () => key);
    expect(c.size).toBe(2);
    const load = jest.fn().mockResolvedValue('a2');
    expect((await c.get('a', load)).value).toBe('a2');
  });

  describe('with a revalidation window', () => {
    const revalidating = () => new ListCache({ freshMs: 1000, revalidateMs: 5000, staleMs: 60_000, maxEntries: 10, now: () => now });

    it('answers an expired entry at once and refreshes it in the background, with one call', async () => {
      const c = revalidating();
      await c.get('k', async () => 'v1');
      now += 1500;
      let resolve!: (value: string) => void;
      const load = jest.fn(() => new Promise<string>((r) => (resolve = r)));
      expect(await c.get('k', load)).toEqual({ value: 'v1', stale: false });
      expect(await c.get('k', load)).toEqual({ value: 'v1', stale: false });
      expect(load).toHaveBeenCalledTimes(1);
      resolve('v2');
      await new Promise(setImmediate);
      expect(await c.get('k', load)).toEqual({ value: 'v2', stale: false });
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('keeps the entry when the background refresh fails, and waits for the upstream past the window', async () => {
      const c = revalidating();
      await c.get('k', async () => 'v1');
      now += 2000;
      expect(await c.get('k', () => Promise.reject(new Error('down')))).toEqual({ value: 'v1', stale: false });
      await new Promise(setImmediate);
      now += 5000;
      expect(await c.get('k', async () => 'v3')).toEqual({ value: 'v3', stale: false });
    });

    it('caches nothing when fresh time is 0', async () => {
      const c = new ListCache({ freshMs: 0, revalidateMs: 5000, staleMs: 60_000, maxEntries: 10, now: () => now });
      await c.get('k', async () => 'v1');
      expect(await c.get('k', async () => 'v2')).toEqual({ value: 'v2', stale: false });
    });
  });
});
