import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { one, rows } from '../../core/src/index.js';
import { FINAL_RUN_STATUSES_SQL } from '../../payouts/src/payout-rules.js';
import { boostMonths, boostState } from './sql-fragments.js';

/** The SQL of boost impact: a boost's window and the closed months it overlaps, what it moved (stored), a story's latest earnings. */
@Injectable()
export class BoostImpactRepository {
  constructor(private readonly dataSource: DataSource) {}

  async boost(id: string): Promise<{ id: string; storyId: string; state: string } | undefined> {
    return one(
      this.dataSource,
      `SELECT b.id, s.id AS "storyId", ${boostState('b')} AS state FROM boosts b JOIN stories s ON s.key = b.story_key WHERE b.id = $1`,
      [id],
    );
  }

  /** The months (UTC) the window overlaps, each with its approved or paid run if any. */
  async periods(boostId: string): Promise<{ period: string; runId: string | null }[]> {
    return rows(
      this.dataSource,
      `SELECT to_char(m, 'YYYY-MM') AS period, r.id AS "runId"
       FROM boosts b
       CROSS JOIN LATERAL ${boostMonths('b')} m
       LEFT JOIN payout_runs r ON r.period = to_char(m, 'YYYY-MM') AND r.status IN ${FINAL_RUN_STATUSES_SQL}
       WHERE b.id = $1 ORDER BY 1`,
      [boostId],
    );
  }

  /** Keeps what an ended boost moved, replacing an earlier measurement (a month's run may have been approved since). */
  async store(boostId: string, realisedMicros: bigint, complete: boolean): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO boost_impacts (boost_id, realised_micros, complete) VALUES ($1, $2, $3)
       ON CONFLICT (boost_id) DO UPDATE SET realised_micros = EXCLUDED.realised_micros, complete = EXCLUDED.complete, measured_at = now()`,
      [boostId, realisedMicros.toString(), complete],
    );
  }

  /** A nomination's story and its earnings in the latest computed, approved or paid run: its current readership (none: no run yet). */
  async nominationStory(nominationId: string): Promise<
    | {
        storyId: string;
        status: string;
        period: string | null;
        earningsMicros: string | null;
        memberReads: number | null;
        periodDays: number | null;
      }
    | undefined
  > {
    return one(
      this.dataSource,
      `SELECT s.id AS "storyId", n.status, lr.period, coalesce(se.earnings_micros, 0)::text AS "earningsMicros",
              coalesce(se.member_reads, 0) AS "memberReads",
              extract(day FROM (to_date(lr.period, 'YYYY-MM') + interval '1 month') - to_date(lr.period, 'YYYY-MM'))::int AS "periodDays"
       FROM nominations n JOIN stories s ON s.key = n.story_key
       LEFT JOIN LATERAL (SELECT id, period FROM payout_runs WHERE status IN ('computed', 'approved', 'paid') ORDER BY period DESC LIMIT 1) lr ON true
       LEFT JOIN story_earnings se ON se.run_id = lr.id AND se.story_key = n.story_key
       WHERE n.id = $1`,
      [nominationId],
    );
  }
}
