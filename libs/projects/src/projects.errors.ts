import { DomainError, NotFoundError } from '@app/common';

export class ProjectNotFoundError extends NotFoundError {
  constructor() {
    super('Project', '项目');
  }
}

export class MilestoneNotFoundError extends NotFoundError {
  constructor() {
    super('Milestone', '节点');
  }
}

export class InspectionNotFoundError extends NotFoundError {
  constructor() {
    super('Inspection', '视察记录');
  }
}

export class NotLeadDepartmentError extends DomainError {
  constructor() {
    super(
      'project.not_lead_department',
      'forbidden',
      '只有牵头单位的工作人员可以这样做 / Only officials of the lead department may do this',
    );
  }
}

export class NotSupervisorError extends DomainError {
  constructor() {
    super(
      'project.not_supervisor',
      'forbidden',
      '只有本项目监督小组的代表可以记录视察 / Only deputies supervising this project may log inspections',
    );
  }
}

export class InvalidProjectInputError extends DomainError {
  constructor(message: { zh: string; en: string }) {
    super('project.invalid_input', 'unprocessable', `${message.zh} / ${message.en}`);
  }
}

export class ProgressDecreaseError extends DomainError {
  constructor(current: number, next: number) {
    super(
      'project.progress_decrease_needs_reason',
      'invalid',
      `进度从 ${current}% 降到 ${next}% 须说明原因（reason） / Progress going down from ${current}% to ${next}% needs a reason`,
    );
  }
}

export class AlreadyAnsweredError extends DomainError {
  constructor() {
    super(
      'inspection.already_answered',
      'conflict',
      '该视察记录已经答复 / This inspection has been answered already',
    );
  }
}

/** Moving a cycle to implementing needs every ballot counted and a selection to deliver. */
export class SelectionNotSettledError extends DomainError {
  constructor(message: { zh: string; en: string }) {
    super('cycle.selection_not_settled', 'conflict', `${message.zh} / ${message.en}`);
  }
}
