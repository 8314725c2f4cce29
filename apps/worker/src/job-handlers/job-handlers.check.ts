import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { QUEUE_JOB_HANDLER, QUEUE_PROCESSOR } from '@app/queues';
import {
  describeQueueJobs,
  findUndeclaredHandlers,
  findUnhandledJobs,
  UnhandledJobsError,
  type DeclaredJobs,
  type QueueJob,
} from './unhandled-jobs.js';

/** The jobs the worker must handle; a token so a test can declare one more. */
export const DECLARED_QUEUE_JOBS = Symbol('DECLARED_QUEUE_JOBS');

/** Refuses to start the worker while a declared job has no handler. */
@Injectable()
export class JobHandlersCheck implements OnModuleInit {
  private readonly logger = new Logger(JobHandlersCheck.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(DECLARED_QUEUE_JOBS) private readonly declared: DeclaredJobs,
  ) {}

  onModuleInit(): void {
    const handled = this.collectHandledJobs();
    const undeclared = findUndeclaredHandlers(this.declared, handled);
    if (undeclared.length > 0) {
      this.logger.warn(`Handlers of undeclared jobs: ${describeQueueJobs(undeclared)}`);
    }
    const unhandled = findUnhandledJobs(this.declared, handled);
    if (unhandled.length > 0) {
      throw new UnhandledJobsError(unhandled);
    }
  }

  /** Every (queue, job) pair some provider has a `@HandlesJob` method for. */
  collectHandledJobs(): QueueJob[] {
    return this.discovery.getProviders().flatMap((wrapper) => {
      const type = classOf(wrapper);
      const queue = type && this.reflector.get<string | undefined>(QUEUE_PROCESSOR, type);
      if (!type || !queue) {
        return [];
      }
      const prototype = type.prototype as Record<string, unknown>;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const method = prototype[name];
        const job =
          typeof method === 'function'
            ? this.reflector.get<string | undefined>(QUEUE_JOB_HANDLER, method)
            : undefined;
        return job ? [{ queue, job }] : [];
      });
    });
  }
}

/**
 * The class carrying the decorators. Factory and value providers have no class of their own
 * until they are instantiated, as in @nestjs/bull's explorer.
 */
function classOf(wrapper: InstanceWrapper): (abstract new (...args: never[]) => unknown) | null {
  const candidate: unknown =
    !wrapper.metatype || wrapper.inject
      ? (wrapper.instance as object | undefined)?.constructor
      : wrapper.metatype;
  return typeof candidate === 'function'
    ? (candidate as abstract new (...args: never[]) => unknown)
    : null;
}
