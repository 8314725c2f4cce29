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
 * Proposals of the cycle that look like the given text, most alike first, so a resident can
 * support one instead of filing a twin. Uses the trigram indexes (pg_trgm).
 */
export async function findSimilarProposals(
  manager: EntityManager,
  cycleId: string,
  text: { title: string; description: string },
  excludeId: string | null,
): Promise<SimilarProposal[]> {
  return manager.transaction(async (inner) => {
    await inner.query(`SET LOCAL pg_trgm.similarity_threshold = ${THRESHOLD}`);
    const rows = await inner.query<
      { id: string; title: string; status: string; support_count: number; score: number }[]
    >(
      `SELECT id, title, status, support_count,
              greatest(similarity(title, $2), similarity(description, $3) * 0.8) AS score
       FROM proposals
       WHERE cycle_id = $1 AND status IN ('submitted', 'accepted')
         AND ($4::uuid IS NULL OR id <> $4::uuid)
         AND (title % $2 OR description % $3)
       ORDER BY score DESC, support_count DESC, id
       LIMIT ${MAX_SIMILAR}`,
      [cycleId, text.title, text.description.slice(0, 500), excludeId],
    );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      supportCount: row.support_count,
      similarity: Math.round(row.score * 100) / 100,
    }));
  });
}
