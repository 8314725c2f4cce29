import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Process, Processor } from '@nestjs/bull';

export const QUEUE_PROCESSOR = 'minsheng:queue-processor';
export const QUEUE_JOB_HANDLER = 'minsheng:queue-job-handler';

/** A class that handles jobs of one queue (worker only). */
export const QueueProcessor = (queue: string): ClassDecorator =>
  applyDecorators(Processor(queue), SetMetadata(QUEUE_PROCESSOR, queue));

/** The method that handles one named job of its class's queue. */
export const HandlesJob = (job: string, concurrency = 1): MethodDecorator =>
  applyDecorators(Process({ name: job, concurrency }), SetMetadata(QUEUE_JOB_HANDLER, job));
