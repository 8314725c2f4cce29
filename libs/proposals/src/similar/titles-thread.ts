// The body of the titles thread (see SimilarTitles): it holds the titles index of each cycle
// being searched, reads their titles from the database itself, and answers searches.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { CycleTitles, type TitleRow } from './cycle-titles.js';
import { CONSIDERED, MAX_SIMILAR, THRESHOLD } from './look-alike.js';
import type { ScoredTitle, TitleIndex } from './title-index.js';

export interface TitlesThreadData {
  databaseUrl: string;
}

export interface TitleSearch {
  id: number;
  cycleId: string;
  title: string;
  excludeId: string | null;
  /** Answer null, rather than read the cycle's titles, unless they are held already. */
  onlyIfHeld: boolean;
}

export interface FiledTitle {
  cycleId: string;
  id: string;
  title: string;
}

export type SearchAnswer =
  { id: number; hits: ScoredTitle[] | null } | { id: number; error: string };

/** Filed titles are added before the searches that came with them; `close` ends the thread. */
export type TitlesRequest = { filed: FiledTitle[]; searches: TitleSearch[] } | { close: true };
export interface TitlesAnswer {
  answers: SearchAnswer[];
}

const { databaseUrl } = workerData as TitlesThreadData;
const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: 2,
  application_name: 'minsheng-titles',
});
// A connection lost while idle is replaced on the next read; the error reaches that read.
pool.on('error', () => undefined);

const cycles = new CycleTitles(async (cycleId, since) => {
  const { rows } = await pool.query<TitleRow>(
    'SELECT id, title, created_at FROM proposals WHERE cycle_id = $1 AND created_at > $2',
    [cycleId, since],
  );
  return rows;
});

const post = (answer: TitlesAnswer) => parentPort!.postMessage(answer);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function nearest(index: TitleIndex, search: TitleSearch): SearchAnswer {
  try {
    const hits = index.nearest(search.title, {
      limit: MAX_SIMILAR,
      keep: CONSIDERED,
      threshold: THRESHOLD,
      excludeId: search.excludeId,
    });
    return { id: search.id, hits };
  } catch (error) {
    return { id: search.id, error: messageOf(error) };
  }
}

/** Searches of held cycles are answered together, at once; the others once their titles are read. */
function searchAll(searches: TitleSearch[]): void {
  const answers: SearchAnswer[] = [];
  for (const search of searches) {
    const index = cycles.ready(search.cycleId);
    if (index) {
      answers.push(nearest(index, search));
    } else if (search.onlyIfHeld) {
      answers.push({ id: search.id, hits: null });
    } else {
      void cycles.load(search.cycleId).then(
        (loaded) => post({ answers: [nearest(loaded, search)] }),
        (error: unknown) => post({ answers: [{ id: search.id, error: messageOf(error) }] }),
      );
    }
  }
  if (answers.length > 0) {
    post({ answers });
  }
}

parentPort?.on('message', (request: TitlesRequest) => {
  if ('close' in request) {
    void pool.end().finally(() => process.exit(0));
    return;
  }
  for (const filed of request.filed) {
    cycles.remember(filed.cycleId, filed.id, filed.title);
  }
  searchAll(request.searches);
});
