import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The feed's inverted index for search (the store has no `$text`): one document per (article,
 * stemmed term), with the weight of the best place the term appears in (headline, teaser or body)
 * and the article's publish time, so a query is one indexed equality lookup per term, merged by the
 * repository.
 */
@Schema({ collection: 'feed_search_terms', versionKey: false })
export class SearchTerm {
  /** `<articleId>:<version>:<term>`: indexing the same version twice inserts nothing new. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  term: string;

  @Prop({ required: true })
  articleId: string;

  @Prop({ required: true })
  weight: number;

  @Prop({ required: true })
  publishedAt: Date;

  /** The article version these terms were taken from: older terms are removed once a newer version is indexed. */
  @Prop({ required: true })
  version: number;

  /** The posting's month and day in its term's list for its place (list-buckets.ts `postingBucketsOf`). */
  @Prop({ type: [String], default: undefined })
  listBuckets?: string[];
}

export const SearchTermSchema = SchemaFactory.createForClass(SearchTerm);
// Searches read terms' lists by period (`listBuckets`); an article's postings are replaced or removed
// by `articleId` (a handful of versions at most, so the version needs no index of its own). A
// generation indexed before postings had buckets is searched by `term`: it keeps the index it was
// created with (indexes are never dropped on start), so new generations need not write one.
SearchTermSchema.index({ listBuckets: 1 });
SearchTermSchema.index({ articleId: 1 });
