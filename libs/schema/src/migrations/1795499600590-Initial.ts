import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795499600590 implements MigrationInterface {
  name = 'Initial1795499600590';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "staff_users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "roles" text array NOT NULL, "password_hash" text NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "staff_users_roles_check" CHECK (roles <@ ARRAY['admin','reviewer','curator','support','finance']::text[] AND cardinality(roles) > 0), CONSTRAINT "PK_c6b167335377df69f7910c2c75e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users"  ("email") `);
    await q.query(`CREATE TABLE "login_failures" ("id" BIGSERIAL NOT NULL, "email" text NOT NULL, "ip" text, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "login_failures_email_at_idx" ON "login_failures"  ("email", "failed_at") `);
    await q.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_email" text NOT NULL, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "reason" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "audit_log_actor_idx" ON "audit_log"  ("actor_id") `);
    await q.query(`CREATE INDEX "audit_log_entity_idx" ON "audit_log"  ("entity_type", "entity_id") `);
    await q.query(`CREATE INDEX "audit_log_at_idx" ON "audit_log"  ("at") `);
    await q.query(`CREATE TABLE "members" ("key" SERIAL NOT NULL, "id" text COLLATE "C" NOT NULL, "username" text NOT NULL, "name" text NOT NULL, "email" text NOT NULL, "country" character(2) NOT NULL, "birth_date" date, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "earnings_excluded" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_d877bfabc4e51b9eb5c39d94f35" PRIMARY KEY ("key"))`);
    await q.query(`CREATE UNIQUE INDEX "members_id_key" ON "members"  ("id") `);
    await q.query(`CREATE TABLE "memberships" ("id" text COLLATE "C" NOT NULL, "member_key" integer NOT NULL, "plan" text NOT NULL, "tier" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "memberships_tier_check" CHECK (tier IN ('member','friend')), CONSTRAINT "memberships_plan_check" CHECK (plan IN ('monthly','annual')), CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "memberships_member_idx" ON "memberships"  ("member_key") `);
    await q.query(`CREATE TABLE "charges" ("id" text COLLATE "C" NOT NULL, "member_key" integer NOT NULL, "plan" text NOT NULL, "covers_from" date NOT NULL, "charged_at" TIMESTAMP WITH TIME ZONE NOT NULL, "gross_cents" bigint NOT NULL, "fee_cents" bigint NOT NULL, "net_cents" bigint NOT NULL, "status" text NOT NULL, CONSTRAINT "charges_amounts_check" CHECK (gross_cents >= 0 AND fee_cents >= 0 AND net_cents >= 0), CONSTRAINT "charges_status_check" CHECK (status IN ('paid','refunded')), CONSTRAINT "charges_plan_check" CHECK (plan IN ('monthly','annual')), CONSTRAINT "PK_0c6feb10df0fa460714f8464dce" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "charges_member_idx" ON "charges"  ("member_key") `);
    await q.query(`CREATE TABLE "publications" ("key" SERIAL NOT NULL, "id" text COLLATE "C" NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_553888e5df5da509acbfc25389c" PRIMARY KEY ("key"))`);
    await q.query(`CREATE UNIQUE INDEX "publications_id_key" ON "publications"  ("id") `);
    await q.query(`CREATE TABLE "stories" ("key" SERIAL NOT NULL, "id" text COLLATE "C" NOT NULL, "author_key" integer NOT NULL, "publication_key" integer, "title" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "members_only" boolean NOT NULL, "status" text NOT NULL, "ai_disclosed" boolean NOT NULL DEFAULT false, "language" text NOT NULL DEFAULT 'en', CONSTRAINT "stories_status_check" CHECK (status IN ('draft','published','unlisted','deleted')), CONSTRAINT "PK_e8121a4f2968e3de114deaee9d4" PRIMARY KEY ("key"))`);
    await q.query(`CREATE INDEX "stories_publication_idx" ON "stories"  ("publication_key") `);
    await q.query(`CREATE INDEX "stories_author_idx" ON "stories"  ("author_key") `);
    await q.query(`CREATE UNIQUE INDEX "stories_id_key" ON "stories"  ("id") `);
    await q.query(`CREATE TABLE "enrollments" ("id" text COLLATE "C" NOT NULL, "member_key" integer NOT NULL, "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7c0f752f9fb68bf6ed7367ab00f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "enrollments_member_idx" ON "enrollments"  ("member_key") `);
    await q.query(`CREATE TABLE "payout_accounts" ("member_key" integer NOT NULL, "provider" text NOT NULL, "account_ref" text NOT NULL, "status" text NOT NULL, "tax_status" text NOT NULL, CONSTRAINT "payout_accounts_tax_check" CHECK (tax_status IN ('verified','missing')), CONSTRAINT "payout_accounts_status_check" CHECK (status IN ('verified','pending','restricted')), CONSTRAINT "PK_2342e7eb594dcfafbec064051e2" PRIMARY KEY ("member_key"))`);
    await q.query(`CREATE TABLE "boosts" ("id" text COLLATE "C" NOT NULL, "story_key" integer NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text NOT NULL, "end_reason" text, CONSTRAINT "boosts_window_check" CHECK (ends_at > starts_at), CONSTRAINT "boosts_source_check" CHECK (source IN ('nomination','curator')), CONSTRAINT "PK_225335d93bbce36b48152a26b48" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "boosts_story_idx" ON "boosts"  ("story_key") `);
    await q.query(`CREATE TABLE "sessions" ("id" text COLLATE "C" NOT NULL, "story_key" integer NOT NULL, "reader_key" integer, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "active_seconds" integer NOT NULL, "mode" text NOT NULL, CONSTRAINT "sessions_seconds_check" CHECK (active_seconds >= 0), CONSTRAINT "sessions_mode_check" CHECK (mode IN ('read','listen')), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "sessions_started_at_idx" ON "sessions"  ("started_at") `);
    await q.query(`CREATE TABLE "engagements" ("id" text COLLATE "C" NOT NULL, "story_key" integer NOT NULL, "member_key" integer NOT NULL, "kind" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "engagements_count_check" CHECK (count BETWEEN 1 AND 50), CONSTRAINT "engagements_kind_check" CHECK (kind IN ('clap','highlight','reply')), CONSTRAINT "PK_aec8c95c82a37a5791001cdb9ae" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "engagements_occurred_at_idx" ON "engagements"  ("occurred_at") `);
    await q.query(`CREATE TABLE "follows" ("id" text COLLATE "C" NOT NULL, "follower_key" integer NOT NULL, "followee_key" integer NOT NULL, "followed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "unfollowed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8988f607744e16ff79da3b8a627" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "follows_pair_idx" ON "follows"  ("follower_key", "followee_key") `);
    await q.query(`CREATE TABLE "referrals" ("id" text COLLATE "C" NOT NULL, "referrer_key" integer NOT NULL, "referred_member_key" integer NOT NULL, "referred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "page_slug" text NOT NULL, CONSTRAINT "referrals_cutoff_check" CHECK (referred_at < '2023-09-01T00:00:00Z'), CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "referrals_page_slug_idx" ON "referrals"  ("page_slug") `);
    await q.query(`CREATE INDEX "referrals_referred_idx" ON "referrals"  ("referred_member_key") `);
    await q.query(`CREATE INDEX "referrals_referrer_idx" ON "referrals"  ("referrer_key") `);
    await q.query(`CREATE TABLE "applications" ("id" text COLLATE "C" NOT NULL, "member_key" integer NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "country" character(2) NOT NULL, "birth_date" date, "status" text NOT NULL DEFAULT 'pending', "checks" jsonb, "checked_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "reject_reason" text, "note" text, CONSTRAINT "applications_status_check" CHECK (status IN ('pending','approved','rejected')), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "applications_status_submitted_idx" ON "applications"  ("status", "submitted_at") `);
    await q.query(`CREATE UNIQUE INDEX "applications_one_pending_per_member" ON "applications"  ("member_key") WHERE status = 'pending'`);
    await q.query(`CREATE TABLE "nominations" ("id" text COLLATE "C" NOT NULL, "story_key" integer NOT NULL, "nominator_key" integer NOT NULL, "publication_key" integer NOT NULL, "nominated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'pending', "refusal_reason" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decline_reason" text, "note" text, CONSTRAINT "nominations_status_check" CHECK (status IN ('pending','refused','boosted','declined')), CONSTRAINT "PK_94d2a23f18ea8e3b22d1ec6e972" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "nominations_nominator_idx" ON "nominations"  ("nominator_key", "nominated_at") `);
    await q.query(`CREATE INDEX "nominations_story_idx" ON "nominations"  ("story_key") `);
    await q.query(`CREATE INDEX "nominations_status_nominated_idx" ON "nominations"  ("status", "nominated_at") `);
    await q.query(`CREATE TABLE "tickets" ("id" text COLLATE "C" NOT NULL, "member_key" integer NOT NULL, "category" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "story_key" integer, "period" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "assignee_id" uuid, "resolution" text, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "tickets_period_check" CHECK (period IS NULL OR period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "tickets_status_check" CHECK (status IN ('open','pending','resolved')), CONSTRAINT "tickets_category_check" CHECK (category IN ('earnings_drop','missing_payout','eligibility','referral','boost','other')), CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "tickets_member_idx" ON "tickets"  ("member_key") `);
    await q.query(`CREATE INDEX "tickets_status_created_idx" ON "tickets"  ("status", "created_at") `);
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
