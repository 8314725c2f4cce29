import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ballots1795791032654 implements MigrationInterface {
  name = 'Ballots1795791032654';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."ballot_kind" AS ENUM('selection', 'runoff', 'evaluation')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."ballot_status" AS ENUM('scheduled', 'open', 'closed', 'counted')
        `);
    await queryRunner.query(`
            CREATE TABLE "ballots" (
                "id" uuid NOT NULL,
                "cycle_id" uuid NOT NULL,
                "kind" "public"."ballot_kind" NOT NULL,
                "status" "public"."ballot_status" NOT NULL DEFAULT 'scheduled',
                "seats" integer NOT NULL,
                "quorum" double precision NOT NULL,
                "deputy_count" integer NOT NULL,
                "item_ids" uuid array NOT NULL,
                "parent_ballot_id" uuid,
                "opens_at" TIMESTAMP WITH TIME ZONE,
                "closes_at" TIMESTAMP WITH TIME ZONE,
                "opened_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "reminded_at" TIMESTAMP WITH TIME ZONE,
                "counted_at" TIMESTAMP WITH TIME ZONE,
                "public_key" bytea NOT NULL,
                "scrutineers" integer NOT NULL,
                "shares_required" integer NOT NULL,
                "paper_returned" integer NOT NULL DEFAULT '0',
                "result" jsonb,
                "bulletin_hash" character(64),
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_ballots_paper_returned" CHECK (paper_returned >= 0),
                CONSTRAINT "ck_ballots_times" CHECK (
                    opens_at IS NULL
                    OR closes_at IS NULL
                    OR closes_at > opens_at
                ),
                CONSTRAINT "ck_ballots_shares" CHECK (
                    shares_required >= 2
                    AND shares_required <= scrutineers
                    AND scrutineers <= 9
                ),
                CONSTRAINT "ck_ballots_quorum" CHECK (
                    quorum > 0
                    AND quorum <= 1
                ),
                CONSTRAINT "ck_ballots_seats" CHECK (seats >= 1),
                CONSTRAINT "PK_1c29cf82a8045f839f8639634e9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_ballots_one_runoff_per_parent" ON "ballots" ("parent_ballot_id")
            WHERE kind = 'runoff'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_ballots_due" ON "ballots" ("status", "opens_at", "closes_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_ballots_cycle" ON "ballots" ("cycle_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "paper_tallies" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ballot_id" uuid NOT NULL,
                "ballots_issued" integer NOT NULL,
                "ballots_returned" integer NOT NULL,
                "invalid_ballots" integer NOT NULL,
                "counts" jsonb NOT NULL,
                "entered_by" uuid NOT NULL,
                "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "confirmed_by" uuid,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_paper_tallies_four_eyes" CHECK (
                    confirmed_by IS NULL
                    OR confirmed_by <> entered_by
                ),
                CONSTRAINT "ck_paper_tallies_invalid" CHECK (invalid_ballots <= ballots_returned),
                CONSTRAINT "ck_paper_tallies_returned" CHECK (ballots_returned <= ballots_issued),
                CONSTRAINT "PK_ad215229a386b9ef72e736d051a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_paper_tallies_ballot" ON "paper_tallies" ("ballot_id", "entered_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "ballot_receipts" (
                "ballot_id" uuid NOT NULL,
                "receipt_hash" character(64) NOT NULL,
                CONSTRAINT "PK_5ad8b406fbea0c973d830da9097" PRIMARY KEY ("ballot_id", "receipt_hash")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "counted_ballots" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ballot_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "choices" jsonb NOT NULL,
                CONSTRAINT "PK_52c3c24419fa2a0a56f84cc8153" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ix_counted_ballots_ballot" ON "counted_ballots" ("ballot_id", "position")
        `);
    await queryRunner.query(`
            CREATE TABLE "ballot_electorate" (
                "ballot_id" uuid NOT NULL,
                "deputy_id" uuid NOT NULL,
                CONSTRAINT "PK_a9a4f7aafb79d2a9ad47cd9b213" PRIMARY KEY ("ballot_id", "deputy_id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."voting_channel" AS ENUM('electronic', 'paper')
        `);
    await queryRunner.query(`
            CREATE TABLE "ballot_participations" (
                "ballot_id" uuid NOT NULL,
                "deputy_id" uuid NOT NULL,
                "channel" "public"."voting_channel" NOT NULL,
                CONSTRAINT "PK_6e453c744ce65e6403068de8d04" PRIMARY KEY ("ballot_id", "deputy_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "sealed_ballots" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ballot_id" uuid NOT NULL,
                "sealed" bytea NOT NULL,
                CONSTRAINT "PK_dc6322022777bcf6d7f582964f3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sealed_ballots_ballot" ON "sealed_ballots" ("ballot_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots"
            ADD CONSTRAINT "fk_ballots_cycle" FOREIGN KEY ("cycle_id") REFERENCES "cycles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots"
            ADD CONSTRAINT "fk_ballots_parent" FOREIGN KEY ("parent_ballot_id") REFERENCES "ballots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots"
            ADD CONSTRAINT "fk_ballots_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "paper_tallies"
            ADD CONSTRAINT "fk_paper_tallies_ballot" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "paper_tallies"
            ADD CONSTRAINT "fk_paper_tallies_entered_by" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "paper_tallies"
            ADD CONSTRAINT "fk_paper_tallies_confirmed_by" FOREIGN KEY ("confirmed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_receipts"
            ADD CONSTRAINT "fk_ballot_receipts_ballot" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "counted_ballots"
            ADD CONSTRAINT "fk_counted_ballots_ballot" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_electorate"
            ADD CONSTRAINT "fk_ballot_electorate_ballot" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_electorate"
            ADD CONSTRAINT "fk_ballot_electorate_deputy" FOREIGN KEY ("deputy_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_participations"
            ADD CONSTRAINT "FK_6e453c744ce65e6403068de8d04" FOREIGN KEY ("ballot_id", "deputy_id") REFERENCES "ballot_electorate"("ballot_id", "deputy_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sealed_ballots"
            ADD CONSTRAINT "fk_sealed_ballots_ballot" FOREIGN KEY ("ballot_id") REFERENCES "ballots"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sealed_ballots" DROP CONSTRAINT "fk_sealed_ballots_ballot"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_participations" DROP CONSTRAINT "FK_6e453c744ce65e6403068de8d04"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_electorate" DROP CONSTRAINT "fk_ballot_electorate_deputy"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_electorate" DROP CONSTRAINT "fk_ballot_electorate_ballot"
        `);
    await queryRunner.query(`
            ALTER TABLE "counted_ballots" DROP CONSTRAINT "fk_counted_ballots_ballot"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballot_receipts" DROP CONSTRAINT "fk_ballot_receipts_ballot"
        `);
    await queryRunner.query(`
            ALTER TABLE "paper_tallies" DROP CONSTRAINT "fk_paper_tallies_confirmed_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "paper_tallies" DROP CONSTRAINT "fk_paper_tallies_entered_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "paper_tallies" DROP CONSTRAINT "fk_paper_tallies_ballot"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots" DROP CONSTRAINT "fk_ballots_created_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots" DROP CONSTRAINT "fk_ballots_parent"
        `);
    await queryRunner.query(`
            ALTER TABLE "ballots" DROP CONSTRAINT "fk_ballots_cycle"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sealed_ballots_ballot"
        `);
    await queryRunner.query(`
            DROP TABLE "sealed_ballots"
        `);
    await queryRunner.query(`
            DROP TABLE "ballot_participations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."voting_channel"
        `);
    await queryRunner.query(`
            DROP TABLE "ballot_electorate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_counted_ballots_ballot"
        `);
    await queryRunner.query(`
            DROP TABLE "counted_ballots"
        `);
    await queryRunner.query(`
            DROP TABLE "ballot_receipts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_paper_tallies_ballot"
        `);
    await queryRunner.query(`
            DROP TABLE "paper_tallies"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_ballots_cycle"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_ballots_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_ballots_one_runoff_per_parent"
        `);
    await queryRunner.query(`
            DROP TABLE "ballots"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."ballot_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."ballot_kind"
        `);
  }
}
