import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { WorkerModule } from './worker.module.js';

/**
 * The worker, started: its processors take jobs once this resolves. Tests run it in-process;
 * the caller closes it (main.ts through the shutdown hooks).
 */
export async function createWorkerApp(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    bufferLogs: true,
    // A failed start rejects (the caller exits 1) instead of aborting the process with a core dump.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  return app;
}
