import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';

const logger = new Logger('Schedules');

/**
 * Keeps exactly one repeating job `name` every `every` ms. Bull keys a repeat by name, job id
 * and interval, so workers starting with the same settings share one; a changed interval
 * replaces the old repeat instead of adding a second.
 */
export async function keepOneRepeat(
  queue: Queue,
  name: string,
  jobId: string,
  every: number,
): Promise<void> {
  for (const repeatable of await queue.getRepeatableJobs()) {
    if (repeatable.name === name && Number(repeatable.every) !== every) {
      await queue.removeRepeatableByKey(repeatable.key);
    }
  }
  await queue.add(name, {}, { jobId, repeat: { every }, removeOnComplete: 100, removeOnFail: 100 });
  logger.log({ job: name, every }, '定时任务已排期 / Schedule running');
}
