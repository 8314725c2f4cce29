import { DomainError, NotFoundError } from '@app/common';

export class ProposalNotFoundError extends NotFoundError {
  constructor() {
    super('Proposal', '建议');
  }
}

export class NotAuthorError extends DomainError {
  constructor() {
    super(
      'proposal.not_author',
      'forbidden',
      '只有提出人可以撤回建议 / Only its author may withdraw a proposal',
    );
  }
}

export class AlreadyReviewedError extends DomainError {
  constructor(status: string) {
    super(
      'proposal.already_reviewed',
      'conflict',
      `该建议已处理（${status}） / The proposal was already reviewed (${status})`,
    );
  }
}

export class RejectReasonRequiredError extends DomainError {
  constructor() {
    super('proposal.reason_required', 'invalid', '不予采纳须说明理由 / A rejection needs a reason');
  }
}

export class MergeTargetRequiredError extends DomainError {
  constructor() {
    super(
      'proposal.merge_target_required',
      'invalid',
      '合并须指定目标建议 / A merge needs mergeIntoId',
    );
  }
}

export class InvalidMergeTargetError extends DomainError {
  constructor(why: { zh: string; en: string }) {
    super(
      'proposal.invalid_merge_target',
      'unprocessable',
      `不能合并到该建议：${why.zh} / Cannot merge into that proposal: ${why.en}`,
    );
  }
}

export class OwnSupportError extends DomainError {
  constructor() {
    super(
      'support.own_proposal',
      'unprocessable',
      '不能附议自己的建议 / You cannot support your own proposal',
    );
  }
}

export class AlreadySupportedError extends DomainError {
  constructor() {
    super('support.exists', 'conflict', '您已附议该建议 / You already support this proposal');
  }
}

export class SupportNotFoundError extends DomainError {
  constructor() {
    super('support.not_found', 'not_found', '您尚未附议该建议 / You do not support this proposal');
  }
}

export class NotSupportableError extends DomainError {
  constructor(status: string) {
    super(
      'support.not_supportable',
      'conflict',
      `该建议状态为 ${status}，不能附议 / A ${status} proposal cannot be supported`,
    );
  }
}
