/** The columns of a proposal row `p`, named as the entity's properties (for raw statements). */
export const PROPOSAL_COLUMNS = `p.id, p.cycle_id AS "cycleId", p.author_id AS "authorId", p.title,
  p.category, p.description, p.location, p.anonymous, p.status,
  p.reject_reason AS "rejectReason", p.merged_into_id AS "mergedIntoId",
  p.reviewed_by AS "reviewedBy", p.reviewed_at AS "reviewedAt",
  p.support_count AS "supportCount", p.carried_from_id AS "carriedFromId",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
