import { Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { AppConfig } from '@app/config';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorageRedisService['increment']>>;

/**
 * Rate-limit counters in Redis, so that every API process shares them. While Redis is away
 * the limit is not enforced rather than refusing every sign-in: the API keeps working.
 */
@Injectable()
export class RateLimitStorage extends ThrottlerStorageRedisService {
  private readonly logger = new Logger(RateLimitStorage.name);

  constructor(config: AppConfig) {
    super(config.redis.url, {
      keyPrefix: `${config.redis.queuePrefix}:rate-limit:`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
    });
    this.redis.on('error', () => undefined);
  }

  override async increment(
    ...args: Parameters<ThrottlerStorageRedisService['increment']>
  ): Promise<ThrottlerStorageRecord> {
    try {
      return await super.increment(...args);
    } catch (error) {
      this.logger.warn(`Rate limit not enforced, Redis unavailable: ${(error as Error).message}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
