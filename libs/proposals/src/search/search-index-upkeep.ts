import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The trigram indexes behind `q` (see the Proposals migration). */
const SEARCH_INDEXES = ['ix_proposals_title_trgm', 'ix_proposals_description_trgm'];

/**
 * Keeps the proposal search indexes' pending lists short. A GIN index takes new rows into a
 * pending list, cheaply, and merges the list into its tree once it outgrows
 * `gin_pending_list_limit` — inside whichever insert crossed the limit, which then takes
 * 50–100 ms instead of 1–2 (measured with `npm run bench -- proposals`: the submit p99). Merged
 * here, from the worker, every insert stays cheap; an insert that meets a merge under way does
 * not wait for it, nor merge itself.
 */
@Injectable()
export class SearchIndexUpkeep {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Merges each search index's pending list into its tree. */
  async mergePendingLists(): Promise<void> {
    await this.dataSource.query(
      'SELECT gin_clean_pending_list(index::regclass) FROM unnest($1::text[]) AS index',
      [SEARCH_INDEXES],
    );
  }
}
