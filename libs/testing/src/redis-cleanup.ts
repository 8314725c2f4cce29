import { Redis } from 'ioredis';
import type { AppConfig } from '@app/config';

/** Removes every Redis key a test's prefix made (queues and rate limits). */
export async function deleteRedisKeys(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redis.url, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${config.redis.queuePrefix}*`,
        'COUNT',
        500,
      );
      cursor = next;
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
