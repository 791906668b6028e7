interface Entry<T> {
  value: T;
  storedAt: number;
}

export interface ListCacheOptions {
  /** Served from memory without asking the upstream for this long. */
  freshMs: number;
  /**
   * For this long after `freshMs`, the entry is still served at once while a fresh copy is fetched in
   * the background (stale-while-revalidate): a reader never waits for a list someone asked for
   * recently. 0 (the default): an expired entry waits for the upstream. Ignored when `freshMs` is 0
   * (no caching).
   */
  revalidateMs?: number;
  /** Served when the upstream fails, for this long after it was stored. */
  staleMs: number;
  maxEntries: number;
  now?: () => number;
}

export interface CacheResult<T> {
  value: T;
  /** The upstream failed and this is an older copy. */
  stale: boolean;
}

/**
 * A short in-process cache for hot lists: fresh entries are served without an upstream call,
 * recently expired ones while a background call refreshes them, concurrent misses for one key share
 * one call, and when the upstream fails an older copy is served (up to `staleMs`) rather than an
 * error. Entries are evicted oldest first past `maxEntries`.
 */
export class ListCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly options: ListCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  async get<T>(key: string, load: () => Promise<T>, canServeStale: (error: unknown) => boolean = () => true): Promise<CacheResult<T>> {
    const entry = this.entries.get(key) as Entry<T> | undefined;
    const age = entry ? this.now() - entry.storedAt : Infinity;
    if (entry && age < this.options.freshMs) return { value: entry.value, stale: false };
    const revalidateMs = this.options.freshMs > 0 ? (this.options.revalidateMs ?? 0) : 0;
    if (entry && age < this.options.freshMs + revalidateMs) {
      // A failed refresh leaves the entry as it is: the next read past the window waits, and may get an error.
      this.loadOnce(key, load).catch(() => undefined);
      return { value: entry.value, stale: false };
    }
    try {
      return { value: await this.loadOnce(key, load), stale: false };
    } catch (error) {
      if (entry && age < this.options.staleMs && canServeStale(error)) return { value: entry.value, stale: true };
      throw error;
    }
  }

  /** Drops a key's entry, so that not even a stale copy of it is served again. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private loadOnce<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const loading = load()
      .then((value) => {
        this.store(key, value);
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  private store(key: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: this.now() });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
