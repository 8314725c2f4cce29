import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A GiST trigram index on the proposal titles: the similar proposals shown on submit are the
 * titles nearest to the new one (`ORDER BY title <-> $2 LIMIT 5`), which GiST answers by walking
 * in distance order instead of scoring every proposal of the cycle.
 */
export class ProposalTitleGist1795786005636 implements MigrationInterface {
  name = 'ProposalTitleGist1795786005636';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_proposals_title_gist" ON "proposals" USING gist ("title" gist_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_proposals_title_gist"`);
  }
}
