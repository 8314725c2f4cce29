import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Proposal } from './proposal.entity.js';

/**
 * A proposal with its author's display name (for the answer to decide who may see it) and the
 * candidates it became (traceability).
 */
export type ProposalView = Proposal & { authorName: string; candidateIds: string[] };

interface ViewRow {
  proposal_id: string;
  author_name: string;
  candidate_ids: string[];
}

/** Proposals (alias `proposal`) with author names and candidate ids; add conditions, read with readViews. */
export function proposalViewsQuery(manager: EntityManager): SelectQueryBuilder<Proposal> {
  return manager
    .getRepository(Proposal)
    .createQueryBuilder('proposal')
    .leftJoin('users', 'author', 'author.id = proposal.author_id')
    .addSelect('author.display_name', 'author_name')
    .addSelect(
      'ARRAY(SELECT s.candidate_id FROM candidate_sources s WHERE s.proposal_id = proposal.id)',
      'candidate_ids',
    );
}

export async function readViews(query: SelectQueryBuilder<Proposal>): Promise<ProposalView[]> {
  const { entities, raw } = await query.getRawAndEntities<ViewRow>();
  const rows = new Map(raw.map((row) => [row.proposal_id, row]));
  return entities.map((proposal) =>
    Object.assign(proposal, {
      authorName: rows.get(proposal.id)?.author_name ?? '',
      candidateIds: rows.get(proposal.id)?.candidate_ids ?? [],
    }),
  );
}
