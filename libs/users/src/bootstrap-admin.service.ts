import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@app/common';
import { AppConfig } from '@app/config';
import { normalizeEmail } from './contact.js';
import { PasswordHasher } from './password-hasher.js';
import { User } from './user.entity.js';
import { EmailTakenError } from './users.errors.js';
import { UsersService } from './users.service.js';

/** Creates the administrator named by BOOTSTRAP_ADMIN_EMAIL at first start; never alters it later. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) {
      return;
    }
    const email = normalizeEmail(admin.email);
    if (await this.dataSource.getRepository(User).existsBy({ email: email! })) {
      return;
    }
    const passwordHash = await this.hasher.hash(admin.password);
    try {
      await this.dataSource.transaction((manager) =>
        this.users.createWithin(
          manager,
          null,
          { email, password: admin.password, displayName: '系统管理员', roles: [Role.Admin] },
          passwordHash,
        ),
      );
      this.logger.log(`Created the bootstrap administrator ${email}`);
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (!(error instanceof EmailTakenError)) {
        throw error;
      }
    }
  }
}
