import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker now merges the proposal search indexes' pending entries every second
 * (SearchIndexUpkeep). An insert that finds the pending list over its limit merges it itself,
 * in the submit's statement (50–100 ms at 4 MB, every 2–3 s at 1,000 submits/s); a larger limit
 * leaves that to the worker unless it falls seconds behind. Kept small enough that a search,
 * which reads the whole pending list, stays fast should the worker be away.
 */
export class SearchPendingListLimit1795800000000 implements MigrationInterface {
  name = 'SearchPendingListLimit1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['ix_proposals_title_trgm', 'ix_proposals_description_trgm']) {
      await queryRunner.query(
        `ALTER INDEX "public"."${index}" SET (gin_pending_list_limit = 8192)`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['ix_proposals_title_trgm', 'ix_proposals_description_trgm']) {
      await queryRunner.query(`ALTER INDEX "public"."${index}" RESET (gin_pending_list_limit)`);
    }
  }
}
