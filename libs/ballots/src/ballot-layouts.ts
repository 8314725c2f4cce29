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
  private readonly layouts = new Map<string, CastLayout>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(ballotId: string): Promise<CastLayout> {
    const known = this.layouts.get(ballotId);
    if (known) {
      return known;
    }
    const ballot = await this.dataSource.getRepository(Ballot).findOne({
      where: { id: ballotId },
      select: { id: true, kind: true, seats: true, itemIds: true, publicKey: true },
    });
    if (!ballot) {
      throw new BallotNotFoundError();
    }
    const layout: CastLayout = {
      kind: ballot.kind,
      seats: ballot.seats,
      itemIds: ballot.itemIds,
      publicKey: ballot.publicKey,
    };
    if (this.layouts.size >= KEPT) {
      this.layouts.clear();
    }
    this.layouts.set(ballotId, layout);
    return layout;
  }
}
