import { DomainError, NotFoundError } from '@app/common';

export class EmailTakenError extends DomainError {
  constructor() {
    super(
      'user.email_taken',
      'conflict',
      '该邮箱已被注册 / This email address is already registered',
    );
  }
}

export class PhoneTakenError extends DomainError {
  constructor() {
    super(
      'user.phone_taken',
      'conflict',
      '该手机号已被注册 / This phone number is already registered',
    );
  }
}

export class ContactRequiredError extends DomainError {
  constructor() {
    super(
      'user.contact_required',
      'invalid',
      '请至少填写邮箱或手机号之一 / Give an email address or a phone number',
    );
  }
}

export class OfficialDepartmentRequiredError extends DomainError {
  constructor() {
    super(
      'user.department_required',
      'invalid',
      '部门工作人员必须属于一个部门 / An official must belong to a department',
    );
  }
}

export class UnknownDepartmentError extends DomainError {
  constructor(department: string) {
    super(
      'user.department_unknown',
      'invalid',
      `部门"${department}"不存在 / Department "${department}" does not exist`,
    );
  }
}

export class AdminGrantForbiddenError extends DomainError {
  constructor() {
    super(
      'user.admin_grant_forbidden',
      'forbidden',
      '只有系统管理员可以授予管理员角色 / Only an administrator may grant the admin role',
    );
  }
}

export class DepartmentNameTakenError extends DomainError {
  constructor() {
    super('department.name_taken', 'conflict', '该部门已存在 / This department already exists');
  }
}

export class UserNotFoundError extends NotFoundError {
  constructor() {
    super('User', '用户');
  }
}
