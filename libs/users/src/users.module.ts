import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { DepartmentsService } from './departments.service.js';
import { PasswordHasher } from './password-hasher.js';
import { RosterImportService } from './roster-import.service.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuditModule, OutboxModule],
  providers: [
    PasswordHasher,
    UsersService,
    DepartmentsService,
    RosterImportService,
    BootstrapAdminService,
  ],
  exports: [PasswordHasher, UsersService, DepartmentsService, RosterImportService],
})
export class UsersModule {}
