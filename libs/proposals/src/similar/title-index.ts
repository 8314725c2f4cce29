import { trigramsOf } from './trigrams.js';

export interface ScoredTitle {
  id: string;
  score: number;
}

/**
 * The titles of one cycle, indexed by trigram, answering "which titles look most like this
 * one" in well under a millisecond for 100,000 titles.
 *
 * The search walks the query's trigrams from the rarest up and scores each title the first time
 * one of its trigrams comes up. A title not met yet can share only trigrams still to walk, so
 * its similarity is at most (trigrams left) / (query trigrams): once that bound falls below the
 * best scores found, the common trigrams (建议, 街道 …) — the long lists — are never walked.
 */
export class TitleIndex {
  private readonly ids: string[] = [];
  private readonly entryGrams: Int32Array[] = [];
  private readonly postings: number[][] = [];
  private readonly gramIds = new Map<string, number>();
  private readonly known = new Set<string>();
  /** Per entry, the number of the last search that scored it: cheaper than a Set per search. */
  private scoredIn = new Uint32Array(1024);
  private searches = 0;

  get size(): number {
    return this.ids.length;
  }

  add(id: string, title: string): void {
    if (this.known.has(id)) {
      return;
    }
    this.known.add(id);
    const entry = this.ids.length;
    this.ids.push(id);
    if (entry >= this.scoredIn.length) {
      const grown = new Uint32Array(this.scoredIn.length * 2);
      grown.set(this.scoredIn);
      this.scoredIn = grown;
    }
    const grams = trigramsOf(title).map((gram) => this.intern(gram));
    grams.sort((a, b) => a - b);
    this.entryGrams.push(Int32Array.from(grams));
    for (const gram of grams) {
      this.postings[gram].push(entry);
    }
  }

  /**
   * Titles with a similarity of at least `threshold`, best first, at least `limit` of them when
   * there are (more when scores tie or when `keep` allows), never the one with `excludeId`.
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
      .filter((gram): gram is number => gram !== undefined)
      .sort((a, b) => a - b);
    const rarestFirst = [...query].sort(
      (a, b) => this.postings[a].length - this.postings[b].length,
    );
    const search = ++this.searches;
    const scoredIn = this.scoredIn;
    const best: { entry: number; score: number }[] = [];
    const bar = () =>
      best.length >= options.limit ? best[options.limit - 1].score : options.threshold;
    // Once `keep` titles tie with the bound, the rest could only tie too: order among equals
    // is left to the caller (support counts), over the `keep` it gets.
    const full = () => best.length >= options.keep;
    walk: for (const [walked, gram] of rarestFirst.entries()) {
      const bound = (rarestFirst.length - walked) / querySize;
      if (
        bound < bar() ||
        bound < options.threshold ||
        (full() && bound <= best[best.length - 1].score)
      ) {
        break;
      }
      for (const entry of this.postings[gram]) {
        if (scoredIn[entry] === search) {
          continue;
        }
        scoredIn[entry] = search;
        const score = similarity(query, querySize, this.entryGrams[entry]);
        if (score < options.threshold || this.ids[entry] === options.excludeId) {
          continue;
        }
        if (!full() || score > best[best.length - 1].score) {
          insertSorted(best, { entry, score }, options.keep);
          if (full() && best[best.length - 1].score >= bound) {
            break walk;
          }
        }
      }
    }
    return best.map(({ entry, score }) => ({ id: this.ids[entry], score }));
  }

  private intern(gram: string): number {
    let id = this.gramIds.get(gram);
    if (id === undefined) {
      id = this.postings.length;
      this.gramIds.set(gram, id);
      this.postings.push([]);
    }
    return id;
  }
}

/** |Q ∩ E| / |Q ∪ E| over sorted trigram ids; the query's unknown trigrams count in its size. */
function similarity(query: readonly number[], querySize: number, entry: Int32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < query.length && j < entry.length;) {
    if (query[i] === entry[j]) {
      shared++;
      i++;
      j++;
    } else if (query[i] < entry[j]) {
      i++;
    } else {
      j++;
    }
  }
  return shared / (querySize + entry.length - shared);
}

function insertSorted(
  best: { entry: number; score: number }[],
  item: { entry: number; score: number },
  keep: number,
): void {
  let at = best.length;
  while (at > 0 && best[at - 1].score < item.score) {
    at--;
  }
  best.splice(at, 0, item);
  if (best.length > keep) {
    best.pop();
  }
}
