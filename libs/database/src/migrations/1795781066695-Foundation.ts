import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795781066695 implements MigrationInterface {
  name = 'Foundation1795781066695';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_entries" (
                "seq" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "action" character varying(100) NOT NULL,
                "entity_type" character varying(50) NOT NULL,
                "entity_id" character varying(100),
                "details" jsonb NOT NULL,
                "prev_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "PK_0de907d00514c64bf4c6fd7ae10" PRIMARY KEY ("seq")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_entries_actor" ON "audit_entries" ("actor_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_entries_action" ON "audit_entries" ("action")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_entries_hash" ON "audit_entries" ("hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_verifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "trigger" character varying(20) NOT NULL,
                "requested_by" uuid,
                "ok" boolean NOT NULL,
                "entries" integer NOT NULL,
                "broken_at" bigint,
                "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b0d662ddbb3679bb08f61a6e4d4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "departments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(100) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_departments_name" ON "departments" ("name")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."user_role" AS ENUM(
                'resident',
                'deputy',
                'official',
                'secretariat',
                'admin'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254),
                "phone" character varying(20),
                "password_hash" character varying(255) NOT NULL,
                "display_name" character varying(50) NOT NULL,
                "roles" "public"."user_role" array NOT NULL,
                "department_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "failed_logins" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_users_has_role" CHECK (cardinality(roles) > 0),
                CONSTRAINT "ck_users_email_or_phone" CHECK (
                    email IS NOT NULL
                    OR phone IS NOT NULL
                ),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_phone" ON "users" ("phone")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "fk_users_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // The audit log is append-only: the application never updates or deletes an entry, and the
    // database refuses to. (A superuser can still disable the trigger; the hash chain shows it.)
    await queryRunner.query(`
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER tr_audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_audit_entries_append_only ON "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION audit_entries_append_only()`);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "fk_users_department"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_family"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_user"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_users_phone"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_users_email"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."user_role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_departments_name"
        `);
    await queryRunner.query(`
            DROP TABLE "departments"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_verifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_entries_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_entries_action"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_entries_actor"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_entries"
        `);
  }
}
