import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one, rows } from '../../core/src/index.js';

export interface MemberRow {
  key: number;
  id: string;
  name: string;
  username: string;
}

export interface RunRow {
  id: string;
  period: string;
  status: string;
  poolMicros: string | null;
  memberCount: number | null;
  params: Record<string, unknown>;
  paramsVersion: number;
  computedAt: Date | null;
  approvedAt: Date | null;
  paidAt: Date | null;
}

export interface StoryEarningRow {
  runId: string;
  storyId: string;
  title: string;
  publishedAt: Date | null;
  status: string;
  membersOnly: boolean;
  earningsMicros: string;
  readingTimeMicros: string;
  engagementMicros: string;
  readRatioAdjustmentMicros: string;
  followerBonusMicros: string;
  boostBonusMicros: string;
  views: number;
  reads: number;
  readRatioAdjustmentBps: number;
  memberReads: number;
  memberReadingSeconds: string;
  clappers: number;
  highlighters: number;
  repliers: number;
  newFollows: number;
  followerReaders: number;
  boostedReaders: number;
}

export interface StatementRow {
  id: string;
  runId: string;
  period: string;
  openingMicros: string;
  storyEarningsMicros: string;
  referralEarningsMicros: string;
  adjustmentsMicros: string;
  balanceMicros: string;
  payoutCents: string;
  carriedMicros: string;
  forfeitedMicros: string;
  status: string;
  payoutState: string | null;
  payoutStateAt: Date | null;
  releasedMicros: string;
}

export interface BoostRow {
  id: string;
  storyId: string;
  startsAt: Date;
  endsAt: Date;
  source: string;
}

export interface EnrollmentRow {
  id: string;
  enrolledAt: Date;
  leftAt: Date | null;
}

export interface PayoutAccountRow {
  provider: string;
  accountRef: string;
  status: string;
  taxStatus: string;
}

export interface ReferralCreditRow {
  id: string;
  referralId: string;
  referredMemberId: string | null;
  chargeId: string;
  kind: string;
  amountMicros: string;
  reversesPeriod: string | null;
}

export interface AdjustmentRow {
  id: string;
  period: string;
  amountMicros: string;
  reason: string;
  createdAt: Date;
}

export interface ExcludedReadingRow {
  storyId: string;
  title: string;
  publishedAt: Date | null;
  status: string;
  membersOnly: boolean;
  members: number;
  amountMicros: string;
}

const STANDING = `status IN ('computed', 'approved', 'paid')`;

/** The read side the earnings explanation needs: payout results and the writer's reading-platform records. */
@Injectable()
export class ExplanationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  member(id: string): Promise<MemberRow | undefined> {
    return one<MemberRow>(this.dataSource, `SELECT key, id, name, username FROM members WHERE id = $1`, [id]);
  }

  memberByKey(key: number): Promise<MemberRow | undefined> {
    return one<MemberRow>(this.dataSource, `SELECT key, id, name, username FROM members WHERE key = $1`, [key]);
  }

  /** The standing run of each of these periods (at most one run per period exists). */
  async runs(periods: string[]): Promise<Map<string, RunRow>> {
    const found = await rows<RunRow>(
      this.dataSource,
      `SELECT id, period, status, pool_micros::text AS "poolMicros", member_count AS "memberCount", params, params_version AS "paramsVersion",
              computed_at AS "computedAt", approved_at AS "approvedAt", paid_at AS "paidAt"
       FROM payout_runs WHERE period = ANY($1::text[]) AND ${STANDING}`,
      [periods],
    );
    return new Map(found.map((r) => [r.period, r]));
  }

  /** The latest period with a standing run ("the last computed one"). */
  async lastComputedPeriod(): Promise<string | null> {
    const row = await one<{ period: string }>(
      this.dataSource,
      `SELECT period FROM payout_runs WHERE ${STANDING} ORDER BY period DESC LIMIT 1`,
    );
    return row?.period ?? null;
  }

  storyEarnings(runIds: string[], authorKey: number): Promise<StoryEarningRow[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return rows<StoryEarningRow>(
      this.dataSource,
      `SELECT se.run_id AS "runId", st.id AS "storyId", st.title, st.published_at AS "publishedAt", st.status, st.members_only AS "membersOnly",
              se.earnings_micros::text AS "earningsMicros", se.reading_time_micros::text AS "readingTimeMicros",
              se.engagement_micros::text AS "engagementMicros", se.read_ratio_adjustment_micros::text AS "readRatioAdjustmentMicros",
              se.follower_bonus_micros::text AS "followerBonusMicros", se.boost_bonus_micros::text AS "boostBonusMicros",
              se.views, se.reads, se.read_ratio_adjustment_bps AS "readRatioAdjustmentBps", se.member_reads AS "memberReads",
              se.member_reading_seconds::text AS "memberReadingSeconds", se.clappers, se.highlighters, se.repliers,
              se.new_follows AS "newFollows", se.follower_readers AS "followerReaders", se.boosted_readers AS "boostedReaders"
       FROM story_earnings se JOIN stories st ON st.key = se.story_key
       WHERE se.run_id = ANY($1::uuid[]) AND se.author_key = $2
       ORDER BY st.id COLLATE "C"`,
      [runIds, authorKey],
    );
  }

  /** What reading excluded after review would have earned the author's stories in the run (payouts' exclusion effects). */
  excludedReading(runId: string, authorKey: number): Promise<ExcludedReadingRow[]> {
    return rows<ExcludedReadingRow>(
      this.dataSource,
      `SELECT st.id AS "storyId", st.title, st.published_at AS "publishedAt", st.status, st.members_only AS "membersOnly",
              x.members, x.amount_micros::text AS "amountMicros"
       FROM story_exclusion_effects x JOIN stories st ON st.key = x.story_key
       WHERE x.run_id = $1 AND x.author_key = $2 ORDER BY st.id COLLATE "C"`,
      [runId, authorKey],
    );
  }

  statements(runIds: string[], authorKey: number): Promise<StatementRow[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return rows<StatementRow>(
      this.dataSource,
      `SELECT id, run_id AS "runId", period, opening_micros::text AS "openingMicros", story_earnings_micros::text AS "storyEarningsMicros",
              referral_earnings_micros::text AS "referralEarningsMicros", adjustments_micros::text AS "adjustmentsMicros",
              balance_micros::text AS "balanceMicros", payout_cents::text AS "payoutCents", carried_micros::text AS "carriedMicros",
              forfeited_micros::text AS "forfeitedMicros", status, payout_state AS "payoutState", payout_state_at AS "payoutStateAt",
              (SELECT coalesce(sum(rs.payout_cents * 10000), 0) FROM statements rs
               WHERE rs.id = ANY(st.returned_statement_ids) AND rs.payout_state = 'released')::text AS "releasedMicros"
       FROM statements st WHERE run_id = ANY($1::uuid[]) AND author_key = $2`,
      [runIds, authorKey],
    );
  }

  /** Boost windows of these stories that overlap [from, to). */
  boosts(storyIds: string[], from: Date, to: Date): Promise<BoostRow[]> {
    if (storyIds.length === 0) return Promise.resolve([]);
    return rows<BoostRow>(
      this.dataSource,
      `SELECT b.id, s.id AS "storyId", b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.source
       FROM boosts b JOIN stories s ON s.key = b.story_key
       WHERE s.id = ANY($1::text[]) AND b.starts_at < $3 AND b.ends_at > $2
       ORDER BY b.starts_at, b.id COLLATE "C"`,
      [storyIds, from, to],
    );
  }

  enrollments(memberKey: number): Promise<EnrollmentRow[]> {
    return rows<EnrollmentRow>(
      this.dataSource,
      `SELECT id, enrolled_at AS "enrolledAt", left_at AS "leftAt" FROM enrollments WHERE member_key = $1 ORDER BY enrolled_at, id COLLATE "C"`,
      [memberKey],
    );
  }

  payoutAccount(memberKey: number): Promise<PayoutAccountRow | undefined> {
    return one<PayoutAccountRow>(
      this.dataSource,
      `SELECT provider, account_ref AS "accountRef", status, tax_status AS "taxStatus" FROM payout_accounts WHERE member_key = $1`,
      [memberKey],
    );
  }

  referralCredits(memberKey: number, period: string): Promise<ReferralCreditRow[]> {
    return rows<ReferralCreditRow>(
      this.dataSource,
      `SELECT rc.id::text AS id, rc.referral_id AS "referralId", m.id AS "referredMemberId", rc.charge_id AS "chargeId", rc.kind,
              rc.amount_micros::text AS "amountMicros", rc.reverses_period AS "reversesPeriod"
       FROM referral_credits rc LEFT JOIN referrals r ON r.id = rc.referral_id LEFT JOIN members m ON m.key = r.referred_member_key
       WHERE rc.referrer_key = $1 AND rc.period = $2
       ORDER BY rc.id`,
      [memberKey, period],
    );
  }

  adjustments(memberKey: number, period: string): Promise<AdjustmentRow[]> {
    return rows<AdjustmentRow>(
      this.dataSource,
      `SELECT id, period, amount_micros::text AS "amountMicros", reason, created_at AS "createdAt"
       FROM adjustments WHERE author_key = $1 AND period = $2 ORDER BY created_at, id`,
      [memberKey, period],
    );
  }
}
