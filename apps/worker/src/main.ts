import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@app/config';
import { QUEUE_NAMES } from '@app/queues';
import { createWorkerApp } from './create-worker-app.js';

const config = loadConfigOrExit();
try {
  const app = await createWorkerApp(config);
  // On SIGINT/SIGTERM the queues drain (see QueueDrainer), then the process exits 0; exiting
  // rather than re-raising the signal lets pino flush its last lines.
  app.enableShutdownHooks(['SIGINT', 'SIGTERM'], { useProcessExit: true });
  app.get(Logger).log({ queues: QUEUE_NAMES }, '工作进程已启动 / Worker started', 'Worker');
} catch (error) {
  console.error('工作进程启动失败 / The worker failed to start:', error);
  process.exit(1);
}
