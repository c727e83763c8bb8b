import { DataSource } from 'typeorm';
import { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { DEFAULT_EARNINGS_PARAMETERS, type EarningsParameters } from '../../libs/payouts/src/earnings-parameters.js';
import { IntegrityActionsService } from '../../libs/payouts/src/index.js';
import { PayoutRunRepository, type RunRow } from '../../libs/payouts/src/run/payout-run.repository.js';
import type { Bundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import type { TestApp } from '../support/app.js';

const READING_TABLES =
  'members, memberships, charges, publications, stories, enrollments, payout_accounts, boosts, sessions, engagements, follows, referrals';

/** Drives the real run (prepare, every shard, finalize, as the jobs call them) of tests of integrity actions. */
export class IntegrityRunDriver {
  readonly repo: PayoutRunRepository;
  readonly referrals: ReferralCreditsService;
  readonly actions: IntegrityActionsService;
  readonly dataSource: DataSource;

  constructor(private readonly t: TestApp) {
    this.repo = t.app.get(PayoutRunRepository);
    this.referrals = t.app.get(ReferralCreditsService);
    this.actions = t.app.get(IntegrityActionsService);
    this.dataSource = t.app.get(DataSource);
  }

  /** Empties the reading data, the runs and their inputs, and loads `bundle`. */
  async load(bundle: Bundle): Promise<void> {
    await this.t.db.pool.query(
      `TRUNCATE ${READING_TABLES}, referral_credits, statements, story_earnings, payout_runs, earnings_exclusions, adjustments RESTART IDENTITY CASCADE`,
    );
    await loadBundle(this.t.db.pool, bundle);
  }

  /** Keys of members and stories by id. */
  async keys(): Promise<{ member: Map<string, number>; story: Map<string, number> }> {
    const { rows: ms } = await this.t.db.pool.query(`SELECT id, key FROM members`);
    const { rows: ss } = await this.t.db.pool.query(`SELECT id, key FROM stories`);
    return { member: new Map(ms.map((r) => [r.id, r.key])), story: new Map(ss.map((r) => [r.id, r.key])) };
  }

  /** Computes the period's run (a new one, or a new attempt of the existing one). */
  async compute(period: string, params: EarningsParameters = DEFAULT_EARNINGS_PARAMETERS): Promise<string> {
    const { rows } = await this.t.db.pool.query(
      `INSERT INTO payout_runs (period, status, attempt, params, params_version, queued_at) VALUES ($1, 'running', 1, $2, 0, now())
       ON CONFLICT (period) DO UPDATE SET status = 'running', attempt = payout_runs.attempt + 1, params = $2 RETURNING id, attempt`,
      [period, params],
    );
    const runRow: RunRow = { id: rows[0].id, period, status: 'running', attempt: rows[0].attempt, params, startedBy: null };
    await this.referrals.honor(period);
    await this.repo.prepare(runRow, async () => undefined);
    for (let shard = 0; shard < params.shards; shard++) await this.repo.computeShard(runRow, shard);
    await this.repo.finalize(runRow);
    return runRow.id;
  }

  /** Why the run may not be approved as it stands. */
  staleness(runId: string, period: string): Promise<string[]> {
    return this.dataSource.transaction((m) => this.repo.staleness(m, runId, period));
  }
}
