import { dayKey, hourKey } from './time-window';

/**
 * Reader lists (the home page, a section, a tag, a topic) cut into UTC months, days, hours and minutes
 * of publication, so that "the newest of a list" is a few equality lookups however many articles the
 * store holds.
 *
 * Every visible feed item carries, in `listBuckets`, for each list it belongs to, the ids of that
 * list's month, day, hour and minute it was published in. A small tree of nodes says which periods
 * hold anything: a list's months, a month's days, a day's hours. Reading the newest of a list walks that
 * tree from the newest end and reads one period's items at a time (a month of a sparse list, an hour
 * of a busy one, a few minutes of one that publishes hundreds an hour); sorting and limiting happen in
 * memory over one period's items. Our local store
 * (FerretDB) hands only top-level equality to its backend's indexes, and MongoDB serves the same
 * lookups from ordinary indexes, so the cost of a page is the periods it spans and what they hold,
 * not the size of the list or of the collection.
 */

/**
 * A list's name: `home`, or its kind, its value's length and its value (`section:5:world`). The length
 * keeps names apart from each other's node ids whatever a tag holds: without it, the tag `a|2026-11`
 * would be named as the tag `a`'s month of November 2026 is.
 */
export type ListName = string;

export type ListKind = 'home' | 'section' | 'tag' | 'topic' | 'term';

/** One node of a list's tree. A node's id is what its children name as their parent. */
export interface ListBucketNode {
  _id: string;
  parent: string;
}

export const HOME: ListName = 'home';

export function listName(kind: Exclude<ListKind, 'home'>, value: string): ListName {
  return `${kind}:${value.length}:${value}`;
}

/** Where the lists of one kind are registered (their root nodes' parent), e.g. to list the sections. */
export function kindRoot(kind: ListKind): string {
  return `#${kind}`;
}

/** The value a list was named after (`world` for `section:5:world`). */
export function listValue(list: ListName): string {
  const lengthEnd = list.indexOf(':', list.indexOf(':') + 1);
  return list.slice(lengthEnd + 1);
}

/** The parts of an item a list membership depends on. */
export interface ListMember {
  section?: string | null;
  tags?: readonly string[];
  topics?: readonly string[];
}

/** Every list the item appears in, each once. */
export function listsOf(item: ListMember): { kind: ListKind; list: ListName }[] {
  const lists: { kind: ListKind; list: ListName }[] = [{ kind: 'home', list: HOME }];
  if (item.section) lists.push({ kind: 'section', list: listName('section', item.section) });
  for (const tag of new Set(item.tags ?? [])) lists.push({ kind: 'tag', list: listName('tag', tag) });
  for (const topic of new Set(item.topics ?? [])) lists.push({ kind: 'topic', list: listName('topic', topic) });
  return lists;
}

/**
 * The bucket ids of `list` down to the minute of `at`: month `<list>|2026-11`, day `<list>|2026-11-28`,
 * hour `<list>|2026-11-28T14`, minute `<list>|2026-11-28T14:05` (UTC). Each ends in a period of a fixed
 * shape, so no two lists' ids can meet, whatever characters a tag holds; and ids under one parent sort
 * as their periods do. Months, days and hours are nodes of the list's tree; minutes are not (an hour
 * always has the same sixty, see `minutesOf`).
 */
export function bucketPath(list: ListName, at: Date): { month: string; day: string; hour: string; minute: string } {
  const hour = `${list}|${hourKey(at)}`;
  return { month: `${list}|${dayKey(at).slice(0, 7)}`, day: `${list}|${dayKey(at)}`, hour, minute: minuteOf(hour, at.getUTCMinutes()) };
}

function minuteOf(hour: string, minute: number): string {
  return `${hour}:${String(minute).padStart(2, '0')}`;
}

/** The minute buckets of an hour node, newest first: where a very busy list's items of that hour are filed. */
export function minutesOf(hour: string): string[] {
  return Array.from({ length: 60 }, (_, index) => minuteOf(hour, 59 - index));
}

/** What an item published at `at` stores and needs: its bucket keys, and the nodes leading to them. */
export function bucketsOf(item: ListMember, at: Date): { keys: string[]; nodes: ListBucketNode[] } {
  const keys: string[] = [];
  const nodes: ListBucketNode[] = [];
  for (const { kind, list } of listsOf(item)) {
    const path = bucketPath(list, at);
    keys.push(path.month, path.day, path.hour, path.minute);
    nodes.push(
      { _id: list, parent: kindRoot(kind) },
      { _id: path.month, parent: list },
      { _id: path.day, parent: path.month },
      { _id: path.hour, parent: path.day },
    );
  }
  return { keys, nodes };
}

/**
 * The search index's list of a term in one place (headline, teaser or body, by weight): its postings,
 * newest first, are what a search reads of that term (search-term.repository.ts).
 */
export function termList(term: string, weight: number): ListName {
  return listName('term', `${weight}:${term}`);
}

/**
 * The buckets of a search posting: its month and day in its term's list. No hours (an article has
 * hundreds of terms, and hour nodes for each would cost more to write than they save to read) and no
 * registry of terms.
 */
export function postingBucketsOf(term: string, weight: number, at: Date): { keys: string[]; nodes: ListBucketNode[] } {
  const list = termList(term, weight);
  const path = bucketPath(list, at);
  return {
    keys: [path.month, path.day],
    nodes: [
      { _id: path.month, parent: list },
      { _id: path.day, parent: path.month },
    ],
  };
}

/**
 * How many items a list held per day when last read, to choose how coarsely to read it next: a whole
 * month when that is a few hundred items, else days, else hours, else minutes. A hint only (what a page
 * holds never depends on it); a list not read yet is assumed busy, so its first read goes down to hours
 * (to minutes only once it is known to be that busy).
 */
export class ListDensity {
  private readonly perDay = new Map<ListName, number>();

  constructor(private readonly remembered = 10_000) {}

  itemsPerDay(list: ListName): number {
    return this.perDay.get(list) ?? Infinity;
  }

  /** `items` were found over `days` days of the list. */
  observe(list: ListName, items: number, days: number): void {
    if (days <= 0) return;
    const previous = this.perDay.get(list);
    const seen = items / days;
    if (previous === undefined && this.perDay.size >= this.remembered) this.perDay.clear();
    this.perDay.set(list, previous === undefined ? seen : (previous + seen) / 2);
  }
}
