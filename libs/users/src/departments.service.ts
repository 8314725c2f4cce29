import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { pageOf, skipOf, violatedUniqueConstraint, type Page, type PageRequest } from '@app/common';
import { Department } from './department.entity.js';
import { DepartmentNameTakenError } from './users.errors.js';

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(request: PageRequest): Promise<Page<Department>> {
    const [items, total] = await this.dataSource.getRepository(Department).findAndCount({
      order: { name: 'ASC' },
      skip: skipOf(request),
      take: request.pageSize,
    });
    return pageOf(items, total, request);
  }

  async create(actorId: string, name: string): Promise<Department> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const department = await manager.save(manager.create(Department, { name: name.trim() }));
        await this.audit.append(manager, {
          actorId,
          action: 'department.created',
          entityType: 'department',
          entityId: department.id,
          details: { name: department.name },
        });
        return department;
      });
    } catch (error) {
      if (violatedUniqueConstraint(error) !== null) {
        throw new DepartmentNameTakenError();
      }
      throw error;
    }
  }

  /** Departments by exact name, for the roster import. */
  async byName(): Promise<Map<string, Department>> {
    const all = await this.dataSource.getRepository(Department).find();
    return new Map(all.map((department) => [department.name, department]));
  }
}
