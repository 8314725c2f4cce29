import { MigrationInterface, QueryRunner } from 'typeorm';

export class Proposals1795783361288 implements MigrationInterface {
  name = 'Proposals1795783361288';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
            CREATE TYPE "public"."cycle_phase" AS ENUM(
                'draft',
                'collecting',
                'screening',
                'balloting',
                'implementing',
                'evaluating',
                'closed'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "cycles" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "year" integer NOT NULL,
                "title" character varying(100) NOT NULL,
                "region" character varying(50),
                "seats" integer NOT NULL,
                "allow_equal_ballot" boolean NOT NULL DEFAULT false,
                "phase" "public"."cycle_phase" NOT NULL DEFAULT 'draft',
                "candidates_frozen_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_cycles_year" CHECK (
                    year BETWEEN 2000 AND 2100
                ),
                CONSTRAINT "ck_cycles_seats" CHECK (
                    seats BETWEEN 1 AND 100
                ),
                CONSTRAINT "PK_52e5eeb9c7c6e4ad1aed657967a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."proposal_category" AS ENUM(
                'environment',
                'healthcare',
                'social_security',
                'employment',
                'education',
                'elderly_care',
                'childcare',
                'transport',
                'housing',
                'water',
                'food_safety',
                'culture_sports',
                'public_safety',
                'other'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."proposal_status" AS ENUM(
                'submitted',
                'accepted',
                'merged',
                'rejected',
                'withdrawn'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "proposals" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cycle_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "title" character varying(100) NOT NULL,
                "category" "public"."proposal_category" NOT NULL,
                "description" character varying(5000) NOT NULL,
                "location" character varying(200),
                "anonymous" boolean NOT NULL DEFAULT false,
                "status" "public"."proposal_status" NOT NULL DEFAULT 'submitted',
                "reject_reason" character varying(1000),
                "merged_into_id" uuid,
                "reviewed_by" uuid,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "support_count" integer NOT NULL DEFAULT '0',
                "carried_from_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_proposals_merged_into" CHECK (
                    status <> 'merged'
                    OR merged_into_id IS NOT NULL
                ),
                CONSTRAINT "ck_proposals_reject_reason" CHECK (
                    status <> 'rejected'
                    OR reject_reason IS NOT NULL
                ),
                CONSTRAINT "ck_proposals_support_count" CHECK (support_count >= 0),
                CONSTRAINT "PK_db524c8db8e126a38a2f16d8cac" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_proposals_author" ON "proposals" ("author_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_proposals_cycle_carried_from" ON "proposals" ("cycle_id", "carried_from_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_proposals_cycle_status" ON "proposals" ("cycle_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_proposals_cycle_supports" ON "proposals" ("cycle_id", "support_count", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_proposals_cycle_recent" ON "proposals" ("cycle_id", "created_at", "id")
        `);
    // Search (q) and similar-proposal suggestions, Chinese included: trigram indexes.
    await queryRunner.query(
      `CREATE INDEX "ix_proposals_title_trgm" ON "proposals" USING gin ("title" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_proposals_description_trgm" ON "proposals" USING gin ("description" gin_trgm_ops)`,
    );
    await queryRunner.query(`
            CREATE TABLE "supports" (
                "proposal_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dfc14d7a6487916e0bd1fff852f" PRIMARY KEY ("proposal_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_supports_user" ON "supports" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "candidates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cycle_id" uuid NOT NULL,
                "title" character varying(100) NOT NULL,
                "category" "public"."proposal_category" NOT NULL,
                "summary" character varying(2000) NOT NULL,
                "targets" text array NOT NULL,
                "budget" bigint NOT NULL,
                "lead_department_id" uuid NOT NULL,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_candidates_budget" CHECK (budget >= 0),
                CONSTRAINT "PK_140681296bf033ab1eb95288abb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_candidates_cycle" ON "candidates" ("cycle_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "candidate_sources" (
                "candidate_id" uuid NOT NULL,
                "proposal_id" uuid NOT NULL,
                CONSTRAINT "PK_d63566a0eb83efce67ff6223eb8" PRIMARY KEY ("candidate_id", "proposal_id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_candidate_sources_proposal" ON "candidate_sources" ("proposal_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "proposals"
            ADD CONSTRAINT "fk_proposals_cycle" FOREIGN KEY ("cycle_id") REFERENCES "cycles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "proposals"
            ADD CONSTRAINT "fk_proposals_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "proposals"
            ADD CONSTRAINT "fk_proposals_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "supports"
            ADD CONSTRAINT "fk_supports_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "supports"
            ADD CONSTRAINT "fk_supports_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates"
            ADD CONSTRAINT "fk_candidates_cycle" FOREIGN KEY ("cycle_id") REFERENCES "cycles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates"
            ADD CONSTRAINT "fk_candidates_lead_department" FOREIGN KEY ("lead_department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_sources"
            ADD CONSTRAINT "fk_candidate_sources_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_sources"
            ADD CONSTRAINT "fk_candidate_sources_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_proposals_description_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposals_title_trgm"`);
    await queryRunner.query(`
            ALTER TABLE "candidate_sources" DROP CONSTRAINT "fk_candidate_sources_proposal"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_sources" DROP CONSTRAINT "fk_candidate_sources_candidate"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates" DROP CONSTRAINT "fk_candidates_lead_department"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates" DROP CONSTRAINT "fk_candidates_cycle"
        `);
    await queryRunner.query(`
            ALTER TABLE "supports" DROP CONSTRAINT "fk_supports_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "supports" DROP CONSTRAINT "fk_supports_proposal"
        `);
    await queryRunner.query(`
            ALTER TABLE "proposals" DROP CONSTRAINT "fk_proposals_merged_into"
        `);
    await queryRunner.query(`
            ALTER TABLE "proposals" DROP CONSTRAINT "fk_proposals_author"
        `);
    await queryRunner.query(`
            ALTER TABLE "proposals" DROP CONSTRAINT "fk_proposals_cycle"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_candidate_sources_proposal"
        `);
    await queryRunner.query(`
            DROP TABLE "candidate_sources"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_candidates_cycle"
        `);
    await queryRunner.query(`
            DROP TABLE "candidates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_supports_user"
        `);
    await queryRunner.query(`
            DROP TABLE "supports"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_proposals_cycle_recent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_proposals_cycle_supports"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_proposals_cycle_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_proposals_cycle_carried_from"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_proposals_author"
        `);
    await queryRunner.query(`
            DROP TABLE "proposals"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."proposal_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."proposal_category"
        `);
    await queryRunner.query(`
            DROP TABLE "cycles"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."cycle_phase"
        `);
  }
}
