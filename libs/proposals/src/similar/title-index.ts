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
  private readonly postings: number[][] = [];
  private readonly gramIds = new Map<string, number>();
  private readonly known = new Set<string>();
  /**
   * Each entry's trigram ids at gramData[gramStart[entry] …] (gramCount[entry] of
   * them): one flat array instead of an array per entry, so that scoring thousands of entries
   * a search reads memory in few places.
   */
  private gramData = new Int32Array(1 << 16);
  private gramDataUsed = 0;
  private gramStart = new Int32Array(1024);
  private gramCount = new Int32Array(1024);
  /** Per entry, the number of the last search that scored it: cheaper than a Set per search. */
  private scoredIn = new Uint32Array(1024);
  /** Per trigram, the number of the last search whose query holds it. */
  private inQuery = new Uint32Array(1024);
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
    if (entry >= this.scoredIn.length) {
      this.scoredIn = grown(this.scoredIn, entry + 1);
      this.gramStart = grown(this.gramStart, entry + 1);
      this.gramCount = grown(this.gramCount, entry + 1);
    }
    const grams = trigramsOf(title).map((gram) => this.intern(gram));
    if (this.gramDataUsed + grams.length > this.gramData.length) {
      this.gramData = grown(this.gramData, this.gramDataUsed + grams.length);
    }
    this.gramData.set(grams, this.gramDataUsed);
    this.gramStart[entry] = this.gramDataUsed;
    this.gramCount[entry] = grams.length;
    this.gramDataUsed += grams.length;
    for (const gram of grams) {
      this.postings[gram].push(entry);
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
    const search = ++this.searches;
    const { scoredIn, inQuery, gramData, gramStart, gramCount } = this;
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
      for (const entry of this.postings[gram]) {
        if (scoredIn[entry] === search) {
          continue;
        }
        scoredIn[entry] = search;
        const count = gramCount[entry];
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
          gramData,
          gramStart[entry],
          count,
          Math.max(options.threshold, toBeat),
        );
        if (score < options.threshold || score <= toBeat) {
          continue;
        }
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

/** A copy of `array` at least `length` long, doubling. */
function grown<T extends Int32Array | Uint32Array>(array: T, length: number): T {
  let size = array.length * 2;
  while (size < length) {
    size *= 2;
  }
  const copy = new (array.constructor as new (size: number) => T)(size);
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
  inQuery: Uint32Array,
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
