import { type DynamicModule, Module } from '@nestjs/common';
import { BallotsModule } from '@app/ballots';
import { ProjectsModule } from '@app/projects';
import { CandidatesModule } from '@app/candidates';
import { AppConfig, ConfigModule } from '@app/config';
import { CyclesModule } from '@app/cycles';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';
import { ProposalsModule } from '@app/proposals';
import { UsersModule } from '@app/users';
import { DemoLoader } from './demo-loader.js';
import { Putuo2019Loader } from './putuo-2019.loader.js';

@Module({})
export class DemoModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: DemoModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        UsersModule,
        CyclesModule,
        ProposalsModule,
        CandidatesModule,
        BallotsModule,
        ProjectsModule,
      ],
      providers: [DemoLoader, Putuo2019Loader],
    };
  }
}
