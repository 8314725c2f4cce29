import type { EntityManager } from 'typeorm';

export interface SimilarProposal {
  id: string;
  title: string;
  status: string;
  supportCount: number;
  similarity: number;
}

const MAX_SIMILAR = 5;
/** Trigram similarity from which a proposal counts as alike (tuned on Chinese titles). */
const THRESHOLD = 0.15;

/**
 * Proposals of the cycle whose title looks like the given one, most alike first, so a resident
 * can support one instead of filing a twin.
 *
 * The GiST trigram index on the title (ix_proposals_title_gist) hands out the nearest titles
 * first (`<->` is 1 − similarity), so taking 5 costs a few index pages whatever the size of the
 * cycle. The threshold is applied to those 5 only, outside the LIMIT: inside it, a title with
 * fewer than 5 look-alikes would make the index walk every row to look for more.
 *
 * Only titles are compared. Descriptions used to count too (0.8 × their similarity), but no
 * index can serve "nearest by title or by description" in one ordered walk, so that meant
 * scoring every description of the cycle on each submit: a full scan of seconds at 100,000
 * proposals. Descriptions are long and share their boilerplate ("建议…尽快…"), so their
 * similarity said little anyway; the title is what a resident reads in the suggestions.
 */
export async function findSimilarProposals(
  manager: EntityManager,
  cycleId: string,
  title: string,
  excludeId: string | null,
): Promise<SimilarProposal[]> {
  const rows = await manager.query<
    { id: string; title: string; status: string; support_count: number; score: number }[]
  >(
    `SELECT id, title, status, support_count, score
     FROM (
       SELECT id, title, status, support_count, similarity(title, $2::text) AS score
       FROM proposals
       WHERE cycle_id = $1 AND status IN ('submitted', 'accepted')
         AND ($3::uuid IS NULL OR id <> $3::uuid)
       ORDER BY title <-> $2::text
       LIMIT ${MAX_SIMILAR}
     ) nearest
     WHERE score >= ${THRESHOLD}
     ORDER BY score DESC, support_count DESC, id`,
    [cycleId, title, excludeId],
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    supportCount: row.support_count,
    similarity: Math.round(row.score * 100) / 100,
  }));
}
