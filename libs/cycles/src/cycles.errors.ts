import { DomainError, NotFoundError } from '@app/common';
import { PHASE_NAMES, type CyclePhase } from './cycle-phase.js';

export class CycleNotFoundError extends NotFoundError {
  constructor() {
    super('Cycle', '年度民生实事');
  }
}

/** The cycle is not in a phase that allows the action. */
export class WrongPhaseError extends DomainError {
  constructor(current: CyclePhase, action: { zh: string; en: string }) {
    super(
      'cycle.wrong_phase',
      'conflict',
      `当前阶段为"${PHASE_NAMES[current].zh}"，不能${action.zh} / The cycle is ${PHASE_NAMES[current].en}: cannot ${action.en}`,
    );
  }
}

export class PhaseMoveRefusedError extends DomainError {
  constructor(current: CyclePhase, target: string) {
    super(
      'cycle.phase_move_refused',
      'conflict',
      `当前阶段为"${PHASE_NAMES[current].zh}"，只能进入下一阶段 / The cycle is ${PHASE_NAMES[current].en}: it can only move to the next phase, not ${target}`,
    );
  }
}

export class NotEnoughCandidatesError extends DomainError {
  constructor(candidates: number, needed: number) {
    super(
      'cycle.not_enough_candidates',
      'conflict',
      `候选项目只有 ${candidates} 个，进入票决至少需要 ${needed} 个 / ${candidates} candidates, balloting needs at least ${needed}`,
    );
  }
}

export class CandidatesFrozenError extends DomainError {
  constructor() {
    super(
      'cycle.candidates_frozen',
      'conflict',
      '候选项目名单已冻结 / The candidate list is frozen',
    );
  }
}
