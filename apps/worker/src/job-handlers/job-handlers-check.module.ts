import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DECLARED_JOBS } from '@app/queues';
import { DECLARED_QUEUE_JOBS, JobHandlersCheck } from './job-handlers.check.js';

/**
 * Global on purpose: Nest runs the init hooks of global modules before all others, in the order
 * it registered them. @nestjs/bull's explorer, which starts the processors in its init hook, sits
 * in a global module reached through QueuesModule; listed first in WorkerModule, this one is
 * registered earlier, so the check throws before any job is taken (the worker e2e test asserts it).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobHandlersCheck, { provide: DECLARED_QUEUE_JOBS, useValue: DECLARED_JOBS }],
})
export class JobHandlersCheckModule {}
