import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';
import { AuditApiModule } from './audit/audit-api.module.js';
import { AuthApiModule } from './auth/auth-api.module.js';
import { BallotsApiModule } from './ballots/ballots-api.module.js';
import { ProjectsApiModule } from './projects/projects-api.module.js';
import { CandidatesApiModule } from './candidates/candidates-api.module.js';
import { CyclesApiModule } from './cycles/cycles-api.module.js';
import { ProposalsApiModule } from './proposals/proposals-api.module.js';
import { MeApiModule } from './me/me-api.module.js';
import { JwtAuthGuard, RolesGuard } from './common/access.guards.js';
import { RateLimitStorage } from './common/rate-limit.storage.js';
import { HealthModule } from './health/health.module.js';
import { NotificationsApiModule } from './notifications/notifications-api.module.js';
import { UsersApiModule } from './users/users-api.module.js';

@Module({
  providers: [RateLimitStorage],
  exports: [RateLimitStorage],
})
class RateLimitStorageModule {}

/** The HTTP API. Built from a validated config so tests can run it on a database of their own. */
@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        ThrottlerModule.forRootAsync({
          imports: [RateLimitStorageModule],
          inject: [AppConfig, RateLimitStorage],
          useFactory: (appConfig: AppConfig, storage: RateLimitStorage) => ({
            throttlers: [{ name: 'auth', ttl: 60_000, limit: appConfig.auth.rateLimitPerMinute }],
            storage,
            errorMessage: '请求过于频繁，请稍后再试 / Too many requests, try again later',
          }),
        }),
        HealthModule,
        AuthApiModule,
        UsersApiModule,
        CyclesApiModule,
        ProposalsApiModule,
        CandidatesApiModule,
        BallotsApiModule,
        ProjectsApiModule,
        AuditApiModule,
        NotificationsApiModule,
        MeApiModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
