import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';

/** Pings Redis on a connection of its own that fails fast instead of queueing commands. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.redis = new Redis(config.redis.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      retryStrategy: () => 1_000,
    });
    this.redis.on('error', () => undefined);
  }

  check(key: string) {
    return this.health
      .check(key)
      .attempt(async () => {
        if (this.redis.status === 'wait') {
          await this.redis.connect();
        }
        await this.redis.ping();
      })
      .withTimeout(1_500);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
