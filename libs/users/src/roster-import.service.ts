import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { ALL_ROLES, DomainError, hasRole, Role, type AuthUser } from '@app/common';
import { MAINLAND_MOBILE, normalizeEmail, normalizePhone } from './contact.js';
import { DepartmentsService } from './departments.service.js';
import { PasswordHasher } from './password-hasher.js';
import { UsersService } from './users.service.js';

const COLUMNS = ['displayName', 'email', 'phone', 'roles', 'department'] as const;
type RosterColumns = Record<(typeof COLUMNS)[number], string>;

export interface RosterRowResult {
  /** Line number in the file; the header is line 1. */
  line: number;
  displayName: string;
  status: 'created' | 'failed';
  userId?: string;
  /** Shown once, to be handed to the person; they should change it at first sign-in. */
  initialPassword?: string;
  errors?: string[];
}

export interface RosterImportResult {
  created: number;
  failed: number;
  rows: RosterRowResult[];
}

export class RosterFormatError extends DomainError {
  constructor(detail: string) {
    super(
      'roster.format',
      'invalid',
      `名册格式错误，表头应为 ${COLUMNS.join(',')} / Malformed roster, the header must be ${COLUMNS.join(',')}: ${detail}`,
    );
  }
}

/** Imports a CSV roster row by row: a row with any error imports nothing, the others go ahead. */
@Injectable()
export class RosterImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly hasher: PasswordHasher,
  ) {}

  async import(actor: AuthUser, csv: string): Promise<RosterImportResult> {
    const records = parseRoster(csv);
    const departments = await this.departments.byName();
    const seen = new Set<string>();
    const rows: RosterRowResult[] = [];
    for (const [index, record] of records.entries()) {
      rows.push(await this.importRow(actor, index + 2, record, departments, seen));
    }
    const created = rows.filter((row) => row.status === 'created').length;
    return { created, failed: rows.length - created, rows };
  }

  private async importRow(
    actor: AuthUser,
    line: number,
    record: RosterColumns,
    departments: Map<string, { id: string }>,
    seen: Set<string>,
  ): Promise<RosterRowResult> {
    const displayName = record.displayName;
    const errors: string[] = [];
    const email = normalizeEmail(record.email);
    const phone = normalizePhone(record.phone);
    const roles = (record.roles || Role.Resident).split(/[;|\s]+/).filter(Boolean) as Role[];
    const department = record.department ? departments.get(record.department) : undefined;

    if (!displayName || displayName.length > 50) {
      errors.push('姓名须为1–50字 / displayName must be 1–50 characters');
    }
    if (!email && !phone) {
      errors.push('邮箱或手机号至少填一项 / give an email or a phone number');
    }
    if (email && !isEmail(email)) {
      errors.push(`邮箱格式错误 / invalid email: ${record.email}`);
    }
    if (record.phone && !MAINLAND_MOBILE.test(record.phone)) {
      errors.push(`手机号格式错误 / invalid phone: ${record.phone}`);
    }
    for (const role of roles.filter((role) => !ALL_ROLES.includes(role))) {
      errors.push(`未知角色 / unknown role: ${role}`);
    }
    if (roles.includes(Role.Admin) && !hasRole(actor, Role.Admin)) {
      errors.push('只有系统管理员可以授予管理员角色 / only an administrator may grant admin');
    }
    if (record.department && !department) {
      errors.push(`部门不存在 / unknown department: ${record.department}`);
    }
    for (const key of [email, phone].filter((value): value is string => Boolean(value))) {
      if (seen.has(key)) {
        errors.push(`与前面的行重复 / repeats an earlier row: ${key}`);
      }
      seen.add(key);
    }
    if (errors.length > 0) {
      return { line, displayName, status: 'failed', errors };
    }

    const initialPassword = randomBytes(9).toString('base64url');
    try {
      const passwordHash = await this.hasher.hash(initialPassword);
      const user = await this.dataSource.transaction((manager) =>
        this.users.createWithin(
          manager,
          actor.id,
          {
            displayName,
            email,
            phone,
            password: initialPassword,
            roles,
            departmentId: department?.id ?? null,
          },
          passwordHash,
        ),
      );
      return { line, displayName, status: 'created', userId: user.id, initialPassword };
    } catch (error) {
      if (error instanceof DomainError) {
        return { line, displayName, status: 'failed', errors: [error.message] };
      }
      throw error;
    }
  }
}

function parseRoster(csv: string): RosterColumns[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, bom: true, trim: true, skip_empty_lines: true });
  } catch (error) {
    throw new RosterFormatError((error as Error).message);
  }
  const header = records.length > 0 ? Object.keys(records[0]) : [];
  if (records.length === 0 || COLUMNS.some((column) => !header.includes(column))) {
    throw new RosterFormatError(records.length === 0 ? 'no rows' : `got ${header.join(',')}`);
  }
  return records as RosterColumns[];
}
