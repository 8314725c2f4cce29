import { hasRole, Role, type AuthUser } from '@app/common';
import { CYCLE_PHASES, type CyclePhase } from '@app/cycles';
import { PROPOSAL_CATEGORIES } from '@app/proposals';
import type { CandidateChanges } from './candidate-input.js';
import { InvalidCandidateInputError } from './candidates.errors.js';

export const CANDIDATE_LIMITS = {
  title: 100,
  summary: 2000,
  targets: 20,
  target: 200,
} as const;

/** The public sees the list from balloting on; before that it is a working draft. */
export function mayViewCandidates(viewer: AuthUser | undefined, phase: CyclePhase): boolean {
  return (
    CYCLE_PHASES.indexOf(phase) >= CYCLE_PHASES.indexOf('balloting') ||
    (viewer !== undefined && hasRole(viewer, Role.Official, Role.Secretariat))
  );
}

/** The secretariat drafts for any department; an official only for their own. */
export function mayDraftFor(actor: AuthUser, leadDepartmentId: string): boolean {
  return (
    hasRole(actor, Role.Secretariat) ||
    (actor.roles.includes(Role.Official) && actor.departmentId === leadDepartmentId)
  );
}

const invalid = (zh: string, en: string) => new InvalidCandidateInputError({ zh, en });

function text(value: unknown, max: number, field: { zh: string; en: string }): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length < 1 || trimmed.length > max) {
    throw invalid(`${field.zh}须为1–${max}个字符`, `${field.en} must have 1–${max} characters`);
  }
  return trimmed;
}

/**
 * Trims and checks the given fields (only those present). The API validates first; this keeps
 * the rules for callers that do not come through HTTP.
 */
export function normalizeCandidateChanges<T extends CandidateChanges>(changes: T): T {
  // Absent and undefined are the same here (DTO instances define every declared field).
  const out = Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as CandidateChanges;
  if (changes.title !== undefined) {
    out.title = text(changes.title, CANDIDATE_LIMITS.title, { zh: '标题', en: 'title' });
  }
  if (changes.summary !== undefined) {
    out.summary = text(changes.summary, CANDIDATE_LIMITS.summary, { zh: '简介', en: 'summary' });
  }
  if (changes.category !== undefined && !PROPOSAL_CATEGORIES.includes(changes.category)) {
    throw invalid('类别无效', 'unknown category');
  }
  if (changes.targets !== undefined) {
    const targets = Array.isArray(changes.targets) ? changes.targets : [];
    if (targets.length < 1 || targets.length > CANDIDATE_LIMITS.targets) {
      throw invalid(
        `目标须有1–${CANDIDATE_LIMITS.targets}项`,
        `targets must have 1–${CANDIDATE_LIMITS.targets} items`,
      );
    }
    out.targets = targets.map((target) =>
      text(target, CANDIDATE_LIMITS.target, { zh: '每项目标', en: 'each target' }),
    );
  }
  if (changes.budget !== undefined) {
    if (!Number.isSafeInteger(changes.budget) || changes.budget < 0) {
      throw invalid(
        '预算须为不小于0的整数（元）',
        'budget must be a whole number of yuan, 0 or more',
      );
    }
  }
  if (changes.sourceProposalIds !== undefined) {
    const ids = Array.isArray(changes.sourceProposalIds) ? changes.sourceProposalIds : [];
    if (ids.length < 1) {
      throw invalid('至少需要一条来源建议', 'at least one source proposal is needed');
    }
    out.sourceProposalIds = [...new Set(ids)];
  }
  return out as T;
}
