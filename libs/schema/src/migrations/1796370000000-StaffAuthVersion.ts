import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One counter that every change to a staff account or session moves, so the api may keep the
 * account behind a session in memory for a second and still see a revocation on the very next
 * request (it reads the counter, one row, instead of the session and account). The bump is a
 * deferred constraint trigger: in the changing transaction (visible exactly when the change is),
 * and taken at commit, after every other row lock, so it never orders a deadlock. A session's
 * last-seen mark moving forward is the one change left out: it only extends a live session, and
 * every request marks it.
 */
export class StaffAuthVersion1796370000000 implements MigrationInterface {
  name = 'StaffAuthVersion1796370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "staff_auth_version" ("one" boolean PRIMARY KEY DEFAULT true CHECK ("one"), "version" bigint NOT NULL)`);
    await q.query(`INSERT INTO "staff_auth_version" ("version") VALUES (0)`);
    await q.query(`CREATE FUNCTION "staff_auth_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE "staff_auth_version" SET "version" = "version" + 1; RETURN NULL; END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER "staff_users_auth_bump" AFTER UPDATE OR DELETE ON "staff_users"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "staff_auth_bump"()`);
    await q.query(`CREATE CONSTRAINT TRIGGER "staff_sessions_auth_bump" AFTER UPDATE ON "staff_sessions"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (NEW."last_seen_at" < OLD."last_seen_at" OR (to_jsonb(NEW) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(OLD) - 'last_seen_at'))
      EXECUTE FUNCTION "staff_auth_bump"()`);
    await q.query(`CREATE CONSTRAINT TRIGGER "staff_sessions_auth_bump_delete" AFTER DELETE ON "staff_sessions"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "staff_auth_bump"()`);
    for (const table of ['staff_users', 'staff_sessions'])
      await q.query(`CREATE TRIGGER "${table}_auth_bump_truncate" AFTER TRUNCATE ON "${table}" EXECUTE FUNCTION "staff_auth_bump"()`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
