import { Injectable } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { AppConfig } from '@app/config';

/** Rate-limit counters in Redis, so that every API process shares them. */
@Injectable()
export class RateLimitStorage extends ThrottlerStorageRedisService {
  constructor(config: AppConfig) {
    super(config.redis.url, {
      keyPrefix: `${config.redis.queuePrefix}:rate-limit:`,
      maxRetriesPerRequest: 1,
    });
  }
}
