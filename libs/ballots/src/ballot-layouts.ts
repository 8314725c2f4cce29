import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BallotLayout } from './ballot-contents.js';
import { BallotNotFoundError } from './ballots.errors.js';
import { Ballot } from './entities/ballot.entity.js';

export interface CastLayout extends BallotLayout {
  publicKey: Buffer;
}

const KEPT = 1_000;

/**
 * What a cast needs to validate and seal: kind, seats, items and public key. None of it changes
 * after creation, so each API process reads it once per ballot instead of once per cast.
 */
@Injectable()
export class BallotLayouts {
  /** Read once per ballot: the deputies who press 投票 together as it opens share one read. */
  private readonly layouts = new Map<string, Promise<CastLayout>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get(ballotId: string): Promise<CastLayout> {
    const known = this.layouts.get(ballotId);
    if (known) {
      return known;
    }
    if (this.layouts.size >= KEPT) {
      this.layouts.clear();
    }
    const reading = this.read(ballotId);
    this.layouts.set(ballotId, reading);
    // An unknown ballot or a failed read is not kept: the next cast asks again.
    reading.catch(() => {
      if (this.layouts.get(ballotId) === reading) {
        this.layouts.delete(ballotId);
      }
    });
    return reading;
  }

  private async read(ballotId: string): Promise<CastLayout> {
    const ballot = await this.dataSource.getRepository(Ballot).findOne({
      where: { id: ballotId },
      select: { id: true, kind: true, seats: true, itemIds: true, publicKey: true },
    });
    if (!ballot) {
      throw new BallotNotFoundError();
    }
    return {
      kind: ballot.kind,
      seats: ballot.seats,
      itemIds: ballot.itemIds,
      publicKey: ballot.publicKey,
    };
  }
}
