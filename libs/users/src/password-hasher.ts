import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import { AppConfig } from '@app/config';

/** OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * argon2id hashing with a cap on how many hashes run at once: each takes ~25 ms of a core and
 * 19 MiB, so a login storm queues here instead of starving every other request.
 */
@Injectable()
export class PasswordHasher {
  private readonly limit: LimitFunction;
  private dummyHash: Promise<string> | undefined;

  constructor(config: AppConfig) {
    this.limit = pLimit(config.auth.hashConcurrency);
  }

  hash(password: string): Promise<string> {
    return this.limit(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.limit(() => argon2.verify(hash, password));
  }

  /** Spends the time of a real check, so an unknown login cannot be told from a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('minsheng-no-such-account');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
