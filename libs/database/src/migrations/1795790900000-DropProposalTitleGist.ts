import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Similar titles on submit are now found in each API process's memory (SimilarTitles), so the
 * GiST trigram index only cost time on every insert — and the planner picked it over the GIN
 * index for `q` searches, where it is slower.
 */
export class DropProposalTitleGist1795790900000 implements MigrationInterface {
  name = 'DropProposalTitleGist1795790900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_proposals_title_gist"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_proposals_title_gist" ON "proposals" USING gist ("title" gist_trgm_ops)`,
    );
  }
}
