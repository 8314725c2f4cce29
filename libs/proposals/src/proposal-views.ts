import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Proposal } from './proposal.entity.js';

/** A proposal with its author's display name, for the answer to decide who may see it. */
export type ProposalView = Proposal & { authorName: string };

interface AuthorNameRow {
  proposal_id: string;
  author_name: string;
}

/** Proposals (alias `proposal`) joined to their authors' names; add conditions and read with readViews. */
export function proposalViewsQuery(manager: EntityManager): SelectQueryBuilder<Proposal> {
  return manager
    .getRepository(Proposal)
    .createQueryBuilder('proposal')
    .leftJoin('users', 'author', 'author.id = proposal.author_id')
    .addSelect('author.display_name', 'author_name');
}

export async function readViews(query: SelectQueryBuilder<Proposal>): Promise<ProposalView[]> {
  const { entities, raw } = await query.getRawAndEntities<AuthorNameRow>();
  const names = new Map(raw.map((row) => [row.proposal_id, row.author_name]));
  return entities.map((proposal) =>
    Object.assign(proposal, { authorName: names.get(proposal.id) ?? '' }),
  );
}
