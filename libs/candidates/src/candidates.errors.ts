import { DomainError, NotFoundError } from '@app/common';

export class CandidateNotFoundError extends NotFoundError {
  constructor() {
    super('Candidate', '候选项目');
  }
}

/** An official acts only for their own department. */
export class NotLeadDepartmentError extends DomainError {
  constructor() {
    super(
      'candidate.not_lead_department',
      'forbidden',
      '部门工作人员只能起草和修改本部门牵头的候选项目 / An official may only draft and change candidates their own department leads',
    );
  }
}

/** Before balloting the list is a working draft for officials and the secretariat. */
export class CandidatesNotPublicError extends DomainError {
  constructor() {
    super(
      'candidate.not_public',
      'forbidden',
      '候选项目名单在票决阶段前不公开 / The candidate list is not public before balloting',
    );
  }
}

export class UnknownLeadDepartmentError extends DomainError {
  constructor() {
    super(
      'candidate.lead_department_unknown',
      'unprocessable',
      '牵头单位不存在 / The lead department does not exist',
    );
  }
}

export class InvalidCandidateInputError extends DomainError {
  constructor(why: { zh: string; en: string }) {
    super(
      'candidate.invalid',
      'invalid',
      `候选项目数据无效：${why.zh} / Invalid candidate: ${why.en}`,
    );
  }
}

/** A source proposal that is missing, of another cycle, or not accepted. */
export class InvalidSourceProposalError extends DomainError {
  constructor(proposalId: string, why: { zh: string; en: string }) {
    super(
      'candidate.invalid_source',
      'unprocessable',
      `来源建议 ${proposalId} 不可用：${why.zh} / Source proposal ${proposalId} cannot be used: ${why.en}`,
    );
  }
}

/** A proposal grows into at most one candidate. */
export class SourceAlreadyUsedError extends DomainError {
  constructor(proposalId?: string) {
    const which = proposalId ? ` ${proposalId}` : '';
    super(
      'candidate.source_taken',
      'conflict',
      `来源建议${which}已是另一个候选项目的来源 / Source proposal${which} already belongs to another candidate`,
    );
  }
}

/** A proposal that cannot be carried from the reserve into the target cycle. */
export class NotInReserveError extends DomainError {
  constructor(proposalId: string, why: { zh: string; en: string }) {
    super(
      'reserve.not_in_reserve',
      'unprocessable',
      `建议 ${proposalId} 不能从储备库转入：${why.zh} / Proposal ${proposalId} cannot be carried over: ${why.en}`,
    );
  }
}

export class AlreadyCarriedError extends DomainError {
  constructor(proposalId?: string) {
    const which = proposalId ? ` ${proposalId}` : '';
    super(
      'reserve.already_carried',
      'conflict',
      `建议${which}已转入本年度 / Proposal${which} was already carried into this cycle`,
    );
  }
}
