import { trigramsOf } from './trigrams.js';

export interface ScoredTitle {
  id: string;
  score: number;
}

interface Hit {
  entry: number;
  score: number;
  /** Proposals with this title, the excluded one left out. */
  ids: number;
}

/**
 * The titles of one cycle, indexed by trigram, answering "which titles look most like this
 * one" in well under a millisecond for 100,000 proposals. Identical titles are one entry (twins
 * are common: that is the point of the search).
 *
 * The search walks the query's trigrams from the rarest up and scores each title the first time
 * one of its trigrams comes up. A title not met yet can share only trigrams still to walk, so
 * its similarity is at most (trigrams left) / (query trigrams): once that bound falls below the
 * best scores found, the common trigrams (建议, 街道 …) — the long lists — are never walked.
 */
export class TitleIndex {
  private readonly idsOf: string[][] = [];
  private readonly entryOf = new Map<string, number>();
  /** Per trigram, the offsets in `records` of the entries that hold it. */
  private readonly postings: number[][] = [];
  private readonly gramIds = new Map<string, number>();
  private readonly known = new Set<string>();
  /**
   * Every entry as one record in a flat array: [last search that scored it, entry number,
   * trigram count, trigram ids …]. A search scores hundreds of entries, mostly not in the CPU's
   * caches while requests come and go (a search takes about three times as long with the caches
   * flushed in between as back to back); one record is one or two cache lines instead of a line
   * in each of four arrays. Measured: about a tenth faster, flushed, on 100,000 titles — within
   * the noise of a loaded machine.
   */
  private records = new Int32Array(1 << 16);
  private recordsUsed = 0;
  /** Per trigram, the number of the last search whose query holds it. */
  private inQuery = new Int32Array(1024);
  private searches = 0;

  /** Proposals indexed. */
  get size(): number {
    return this.known.size;
  }

  add(id: string, title: string): void {
    if (this.known.has(id)) {
      return;
    }
    this.known.add(id);
    const existing = this.entryOf.get(title);
    if (existing !== undefined) {
      this.idsOf[existing].push(id);
      return;
    }
    const entry = this.idsOf.length;
    this.entryOf.set(title, entry);
    this.idsOf.push([id]);
    const grams = trigramsOf(title).map((gram) => this.intern(gram));
    const at = this.recordsUsed;
    if (at + RECORD_HEAD + grams.length > this.records.length) {
      this.records = grown(this.records, at + RECORD_HEAD + grams.length);
    }
    this.records[at + ENTRY] = entry;
    this.records[at + COUNT] = grams.length;
    this.records.set(grams, at + RECORD_HEAD);
    this.recordsUsed = at + RECORD_HEAD + grams.length;
    for (const gram of grams) {
      this.postings[gram].push(at);
    }
  }

  /**
   * Proposals whose title has a similarity of at least `threshold`, best first: the `limit`
   * best, and up to `keep` in all when more tie or come close (the caller picks among them),
   * never the one with `excludeId`.
   */
  nearest(
    title: string,
    options: { limit: number; keep: number; threshold: number; excludeId?: string | null },
  ): ScoredTitle[] {
    const all = trigramsOf(title);
    const querySize = all.length;
    if (querySize === 0) {
      return [];
    }
    const query = all
      .map((gram) => this.gramIds.get(gram))
      .filter((gram): gram is number => gram !== undefined);
    const rarestFirst = [...query].sort(
      (a, b) => this.postings[a].length - this.postings[b].length,
    );
    const search = this.nextSearch();
    const { records, inQuery } = this;
    for (const gram of query) {
      inQuery[gram] = search;
    }
    const best: Hit[] = [];
    /** The score to beat to be kept: that of the `keep`-th proposal so far. */
    let toBeat = -1;
    walk: for (const [walked, gram] of rarestFirst.entries()) {
      const left = rarestFirst.length - walked;
      const bound = left / querySize;
      if (bound < options.threshold || bound < scoreAt(best, options.limit, options.threshold)) {
        break;
      }
      // Once `keep` proposals score at least the bound, the rest could at most tie.
      if (bound <= toBeat) {
        break;
      }
      for (const at of this.postings[gram]) {
        if (records[at + STAMP] === search) {
          continue;
        }
        records[at + STAMP] = search;
        const count = records[at + COUNT];
        // First met now, so it has none of the rarer trigrams walked before: it shares at most
        // `left` with the query, which bounds its score without comparing the two.
        const most = Math.min(left, count);
        const atMost = most / (querySize + count - most);
        if (atMost < options.threshold || atMost <= toBeat) {
          continue;
        }
        const score = similarity(
          inQuery,
          search,
          query.length,
          querySize,
          records,
          at + RECORD_HEAD,
          count,
          Math.max(options.threshold, toBeat),
        );
        if (score < options.threshold || score <= toBeat) {
          continue;
        }
        const entry = records[at + ENTRY];
        const ids = countOtherThan(this.idsOf[entry], options.excludeId);
        if (ids > 0) {
          insertSorted(best, { entry, score, ids }, options.keep);
          toBeat = scoreAt(best, options.keep, -1);
          if (toBeat >= bound) {
            break walk;
          }
        }
      }
    }
    const found: ScoredTitle[] = [];
    for (const hit of best) {
      for (const id of this.idsOf[hit.entry]) {
        if (id !== options.excludeId && found.length < options.keep) {
          found.push({ id, score: hit.score });
        }
      }
    }
    return found;
  }

  /** A number no record or trigram holds as its stamp yet (they all start at 0). */
  private nextSearch(): number {
    if (this.searches === MAX_STAMP) {
      for (let at = 0; at < this.recordsUsed; at += RECORD_HEAD + this.records[at + COUNT]) {
        this.records[at + STAMP] = 0;
      }
      this.inQuery.fill(0);
      this.searches = 0;
    }
    return ++this.searches;
  }

  private intern(gram: string): number {
    let id = this.gramIds.get(gram);
    if (id === undefined) {
      id = this.postings.length;
      this.gramIds.set(gram, id);
      this.postings.push([]);
      if (id >= this.inQuery.length) {
        this.inQuery = grown(this.inQuery, id + 1);
      }
    }
    return id;
  }
}

/** A record's fields (see `TitleIndex.records`), then its trigrams from RECORD_HEAD on. */
const STAMP = 0;
const ENTRY = 1;
const COUNT = 2;
const RECORD_HEAD = 3;
const MAX_STAMP = 2 ** 31 - 1;

/** A copy of `array` at least `length` long, doubling. */
function grown(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  let size = array.length * 2;
  while (size < length) {
    size *= 2;
  }
  const copy = new Int32Array(size);
  copy.set(array);
  return copy;
}

function countOtherThan(ids: readonly string[], excluded: string | null | undefined): number {
  let count = 0;
  for (const id of ids) {
    if (id !== excluded) {
      count++;
    }
  }
  return count;
}

/** The score of the `count`-th best proposal so far, or `none` with fewer found. */
function scoreAt(best: readonly Hit[], count: number, none: number): number {
  let ids = 0;
  for (const hit of best) {
    ids += hit.ids;
    if (ids >= count) {
      return hit.score;
    }
  }
  return none;
}

/**
 * |Q ∩ E| / |Q ∪ E|, the entry's trigrams being data[start … start + count) and the query's
 * those stamped `search` in `inQuery` (`known` of them; its unknown trigrams count in its
 * size). Gives up with -1 as soon as the score can no longer reach `floor`.
 */
function similarity(
  inQuery: Int32Array,
  search: number,
  known: number,
  querySize: number,
  data: Int32Array,
  start: number,
  count: number,
  floor: number,
): number {
  // The score reaches `floor` only with at least this many shared (less a rounding margin).
  const needed = (floor * (querySize + count)) / (1 + floor) - 1e-9;
  if (Math.min(known, count) < needed) {
    return -1;
  }
  let shared = 0;
  // The entry's trigrams that may still be shared: each one the query lacks is one fewer.
  let left = count;
  for (let j = start, end = start + count; j < end; j++) {
    if (inQuery[data[j]] === search) {
      shared++;
    } else if (--left < needed) {
      return -1;
    }
  }
  return shared / (querySize + count - shared);
}

/** Inserts by score, then drops hits past the `keep`-th proposal. */
function insertSorted(best: Hit[], hit: Hit, keep: number): void {
  let at = best.length;
  while (at > 0 && best[at - 1].score < hit.score) {
    at--;
  }
  best.splice(at, 0, hit);
  let ids = 0;
  for (let i = 0; i < best.length; i++) {
    ids += best[i].ids;
    if (ids >= keep) {
      best.length = i + 1;
      return;
    }
  }
}
