import { Injectable } from '@nestjs/common';
import { ArticleBandKeyRepository, BandKeyHolder } from './article-band-key.repository';
import { ArticleRecord, ArticleRepository } from './article.repository';
import { decodeSignature, estimatedJaccard, minhashBandKeys, NEAR_DUPLICATE_JACCARD } from './minhash';

/** How far back a new article is compared with others: copies of a wire story follow within days. */
export const DUPLICATE_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

export interface NearDuplicateLookup {
  /** The article the new one copies, if any. */
  original?: ArticleRecord;
  /** Other articles read as holders of a band key the new one shares (whatever their source or age). */
  candidates: number;
}

/**
 * Finds the article a new one copies: the first published article of another source, created within
 * the window, whose body is nearly the same (estimated Jaccard similarity of the MinHash signatures;
 * minhash.ts). Registers the new article under its band keys on the way, so that later copies find
 * it (a duplicate too: its status keeps it from being anyone's original). The store is read only for
 * keys another article already holds, so an article with no near-copy costs one insert per band,
 * whatever the number of articles stored (article-band-key.schema.ts).
 */
@Injectable()
export class NearDuplicateFinder {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly bandKeys: ArticleBandKeyRepository,
  ) {}

  async originalOf(article: BandKeyHolder, signature: Uint32Array): Promise<NearDuplicateLookup> {
    const shared = await this.bandKeys.claim(minhashBandKeys(signature), article);
    if (shared.length === 0) return { candidates: 0 };
    const slots = await Promise.all(shared.map((key) => this.bandKeys.join(key, article)));
    const keys = shared.map((key, index) => ({ key, slots: slots[index], next: 0, lastCreatedAt: -Infinity }));
    const since = article.createdAt.getTime() - DUPLICATE_WINDOW_MS;
    const judged = new Set<string>();
    let original: { holder: BandKeyHolder; stored: ArticleRecord } | undefined;
    // Slots are read in rounds, oldest first in each key. A key is read no further once its last holder
    // read is younger than the original found so far: its later slots hold younger articles still. So
    // a copy of a story copied many times reads about one slot per shared key, not all its copies.
    for (;;) {
      const reading = keys.filter((key) => key.next < key.slots && (!original || key.lastCreatedAt < original.holder.createdAt.getTime()));
      if (reading.length === 0) break;
      const holders = await Promise.all(reading.map((key) => this.bandKeys.holderAt(key.key, key.next++)));
      reading.forEach((key, index) => (key.lastCreatedAt = Math.max(key.lastCreatedAt, holders[index]?.createdAt.getTime() ?? -Infinity)));
      const fresh = holders
        .filter((holder): holder is BandKeyHolder => holder !== undefined && !judged.has(holder.articleId))
        .filter((holder) => {
          judged.add(holder.articleId);
          // The article itself holds a key it could not claim on a redelivery.
          return holder.articleId !== article.articleId && holder.source !== article.source && holder.createdAt.getTime() >= since;
        })
        .sort(oldestFirst);
      for (const holder of fresh) {
        if (original && oldestFirst(holder, original.holder) >= 0) break;
        const stored = await this.articles.findById(holder.articleId);
        const theirs = stored?.status === 'published' && stored.minhash ? decodeSignature(stored.minhash) : undefined;
        if (theirs && estimatedJaccard(theirs, signature) >= NEAR_DUPLICATE_JACCARD) original = { holder, stored: stored! };
      }
    }
    return { original: original?.stored, candidates: [...judged].filter((id) => id !== article.articleId).length };
  }
}

function oldestFirst(a: BandKeyHolder, b: BandKeyHolder): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0);
}
