import { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1795793642926 implements MigrationInterface {
  name = 'Projects1795793642926';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "projects" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cycle_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "title" character varying(100) NOT NULL,
                "category" "public"."proposal_category" NOT NULL,
                "summary" character varying(2000) NOT NULL,
                "targets" text array NOT NULL,
                "budget" bigint NOT NULL,
                "lead_department_id" uuid NOT NULL,
                "responsible_official_id" uuid,
                "co_department_ids" uuid array NOT NULL DEFAULT '{}',
                "percent" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_projects_percent" CHECK (
                    percent IS NULL
                    OR percent BETWEEN 0 AND 100
                ),
                CONSTRAINT "ck_projects_budget" CHECK (budget >= 0),
                CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_projects_cycle" ON "projects" ("cycle_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_projects_candidate" ON "projects" ("candidate_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "project_followers" (
                "project_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_39533716ec306450c4c39128041" PRIMARY KEY ("project_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_project_followers_user" ON "project_followers" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "inspections" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "project_id" uuid NOT NULL,
                "deputy_id" uuid NOT NULL,
                "visited_on" date NOT NULL,
                "findings" character varying(4000) NOT NULL,
                "rating" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "response" character varying(4000),
                "responded_by" uuid,
                "responded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_inspections_rating" CHECK (
                    rating BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_a484980015782324454d8c88abe" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_inspections_project" ON "inspections" ("project_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."milestone_kind" AS ENUM('milestone', 'rectification')
        `);
    await queryRunner.query(`
            CREATE TABLE "milestones" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "project_id" uuid NOT NULL,
                "kind" "public"."milestone_kind" NOT NULL DEFAULT 'milestone',
                "title" character varying(200) NOT NULL,
                "due_date" date NOT NULL,
                "done" boolean NOT NULL DEFAULT false,
                "report" character varying(4000),
                "done_at" TIMESTAMP WITH TIME ZONE,
                "overdue_notified_at" TIMESTAMP WITH TIME ZONE,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0bdbfe399c777a6a8520ff902d9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_milestones_open_due" ON "milestones" ("due_date")
            WHERE NOT done
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_milestones_project" ON "milestones" ("project_id", "due_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "progress_updates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "project_id" uuid NOT NULL,
                "percent" integer NOT NULL,
                "note" character varying(2000) NOT NULL,
                "reason" character varying(500),
                "author_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_progress_updates_percent" CHECK (
                    percent BETWEEN 0 AND 100
                ),
                CONSTRAINT "PK_180f6781848cb83b31c3deb131b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_progress_updates_project" ON "progress_updates" ("project_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "project_supervisors" (
                "project_id" uuid NOT NULL,
                "deputy_id" uuid NOT NULL,
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6d54252469dc23c3466a9f44710" PRIMARY KEY ("project_id", "deputy_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "fk_projects_cycle" FOREIGN KEY ("cycle_id") REFERENCES "cycles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "fk_projects_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "fk_projects_lead_department" FOREIGN KEY ("lead_department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "fk_projects_responsible_official" FOREIGN KEY ("responsible_official_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "project_followers"
            ADD CONSTRAINT "fk_project_followers_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "project_followers"
            ADD CONSTRAINT "fk_project_followers_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "inspections"
            ADD CONSTRAINT "fk_inspections_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "inspections"
            ADD CONSTRAINT "fk_inspections_deputy" FOREIGN KEY ("deputy_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "inspections"
            ADD CONSTRAINT "fk_inspections_responded_by" FOREIGN KEY ("responded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones"
            ADD CONSTRAINT "fk_milestones_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "progress_updates"
            ADD CONSTRAINT "fk_progress_updates_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "progress_updates"
            ADD CONSTRAINT "fk_progress_updates_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "project_supervisors"
            ADD CONSTRAINT "fk_project_supervisors_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "project_supervisors"
            ADD CONSTRAINT "fk_project_supervisors_deputy" FOREIGN KEY ("deputy_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "project_supervisors" DROP CONSTRAINT "fk_project_supervisors_deputy"
        `);
    await queryRunner.query(`
            ALTER TABLE "project_supervisors" DROP CONSTRAINT "fk_project_supervisors_project"
        `);
    await queryRunner.query(`
            ALTER TABLE "progress_updates" DROP CONSTRAINT "fk_progress_updates_author"
        `);
    await queryRunner.query(`
            ALTER TABLE "progress_updates" DROP CONSTRAINT "fk_progress_updates_project"
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" DROP CONSTRAINT "fk_milestones_project"
        `);
    await queryRunner.query(`
            ALTER TABLE "inspections" DROP CONSTRAINT "fk_inspections_responded_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "inspections" DROP CONSTRAINT "fk_inspections_deputy"
        `);
    await queryRunner.query(`
            ALTER TABLE "inspections" DROP CONSTRAINT "fk_inspections_project"
        `);
    await queryRunner.query(`
            ALTER TABLE "project_followers" DROP CONSTRAINT "fk_project_followers_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "project_followers" DROP CONSTRAINT "fk_project_followers_project"
        `);
    await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_responsible_official"
        `);
    await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_lead_department"
        `);
    await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_candidate"
        `);
    await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "fk_projects_cycle"
        `);
    await queryRunner.query(`
            DROP TABLE "project_supervisors"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_progress_updates_project"
        `);
    await queryRunner.query(`
            DROP TABLE "progress_updates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_milestones_project"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_milestones_open_due"
        `);
    await queryRunner.query(`
            DROP TABLE "milestones"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."milestone_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_inspections_project"
        `);
    await queryRunner.query(`
            DROP TABLE "inspections"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_project_followers_user"
        `);
    await queryRunner.query(`
            DROP TABLE "project_followers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_projects_candidate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_projects_cycle"
        `);
    await queryRunner.query(`
            DROP TABLE "projects"
        `);
  }
}
