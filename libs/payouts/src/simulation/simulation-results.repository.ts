import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryPage } from '../../../core/src/database/list-page.js';
import { one, rows } from '../../../core/src/database/sql.js';
import { notFound } from '../../../core/src/http/errors.js';
import type { ListSpec } from '../../../core/src/http/list-query.js';
import { toJson, micros } from '../../../core/src/money/money.js';
import { withMoney } from '../payouts.read.js';
import { AUTHOR_DIFFS, diffFields, STORY_DIFFS } from './simulation-comparison.sql.js';
import { HISTOGRAM_BUCKETS, SIMULATION_STATUSES, TOP_MOVERS } from './simulation-rules.js';

export const SIMULATIONS: ListSpec = {
  resource: 'simulations',
  key: 'sm.id',
  defaultSort: ['createdAt', 'DESC'],
  sort: { createdAt: 'sm.created_at', period: 'sm.period', status: 'sm.status', finishedAt: 'sm.finished_at' },
  filters: {
    id: { column: 'sm.id', type: 'uuid' },
    period: { column: 'sm.period', type: 'period' },
    status: { column: 'sm.status', type: 'text', values: SIMULATION_STATUSES },
    runId: { column: 'sm.run_id', type: 'uuid' },
  },
  search: ['sm.label'],
  notNull: ['createdAt', 'period', 'status'],
};
const SIM_MONEY = ['poolMicros', 'allocatedMicros', 'unallocatedMicros', 'runPoolMicros', 'runAllocatedMicros'] as const;
const SIM_COLUMNS = `sm.id, sm.period, sm.run_id AS "runId", sm.status, sm.progress, sm.params, sm.changes,
  sm.without_boost_ids AS "withoutBoostIds", (SELECT count(*)::int FROM simulation_excluded_pairs x WHERE x.simulation_id = sm.id) AS "excludedPairs",
  sm.label, sm.created_by AS "createdBy", cb.email AS "createdByEmail", sm.pool_micros::text AS "poolMicros",
  sm.allocated_micros::text AS "allocatedMicros", sm.unallocated_micros::text AS "unallocatedMicros", sm.member_count AS "memberCount",
  sm.pair_count AS "pairCount", r.pool_micros::text AS "runPoolMicros", r.allocated_micros::text AS "runAllocatedMicros",
  sm.created_at AS "createdAt", sm.started_at AS "startedAt", sm.finished_at AS "finishedAt", sm.error,
  extract(epoch FROM sm.finished_at - sm.started_at)::float8 AS "seconds"`;
const SIM_FROM = `simulations sm JOIN payout_runs r ON r.id = sm.run_id LEFT JOIN staff_users cb ON cb.id = sm.created_by`;

const AUTHOR_MONEY = Object.keys(diffFields());
const sortable = (prefix: string) => Object.fromEntries(Object.entries(diffFields(prefix)).filter(([k]) => k.startsWith('delta')));
const diffColumns = (prefix: string) =>
  Object.entries(diffFields(prefix))
    .map(([api, col]) => `${col}::text AS "${api}"`)
    .join(', ');

export const SIMULATION_AUTHORS: ListSpec = {
  resource: 'simulation-authors',
  key: 'au.id',
  defaultSort: ['deltaEarningsMicros', 'ASC'],
  sort: { ...sortable('d.'), authorId: 'au.id', simPayoutCents: 'd.sim_payout_cents', runPayoutCents: 'd.run_payout_cents' },
  filters: {
    simulationId: { column: 'sm.id', type: 'uuid' },
    authorId: { column: 'au.id', type: 'text' },
    crossing: { column: 'd.crossing', type: 'text', values: ['up', 'down'] },
  },
  search: ['au.id', 'au.name'],
  required: ['simulationId'],
};
const AUTHOR_COLUMNS = `sm.id || ':' || au.id AS id, sm.id AS "simulationId", au.id AS "authorId", au.name AS "authorName", ${diffColumns('d.')},
  d.run_status AS "runStatus", d.sim_status AS "simStatus", d.run_payout_cents::text AS "runPayoutCents",
  d.sim_payout_cents::text AS "simPayoutCents", d.crossing`;
const AUTHOR_FROM = `simulations sm CROSS JOIN LATERAL ${AUTHOR_DIFFS} d JOIN members au ON au.key = d.author_key`;
const AUTHOR_ALL_MONEY = [...AUTHOR_MONEY, 'runPayoutCents', 'simPayoutCents'];

export const SIMULATION_STORIES: ListSpec = {
  resource: 'simulation-stories',
  key: 'st.id',
  defaultSort: ['deltaEarningsMicros', 'ASC'],
  sort: { ...sortable('d.'), storyId: 'st.id' },
  filters: {
    simulationId: { column: 'sm.id', type: 'uuid' },
    storyId: { column: 'st.id', type: 'text' },
    authorId: { column: 'au.id', type: 'text' },
  },
  search: ['st.id', 'st.title', 'au.id'],
  required: ['simulationId'],
};
const STORY_COLUMNS = `sm.id || ':' || st.id AS id, sm.id AS "simulationId", st.id AS "storyId", st.title AS "storyTitle", au.id AS "authorId",
  ${diffColumns('d.')}`;
const STORY_FROM = `simulations sm CROSS JOIN LATERAL ${STORY_DIFFS} d JOIN stories st ON st.key = d.story_key JOIN members au ON au.key = d.author_key`;

/** ⌈x / HISTOGRAM_BUCKETS⌉ for a non-negative SQL expression x: where a bucket starts. */
const ceil = (x: string) => `div(${x} + ${HISTOGRAM_BUCKETS - 1}, ${HISTOGRAM_BUCKETS})`;

const money = (v: unknown) => (v === null || v === undefined ? v : toJson(micros(v as string)));

/** The read side of simulations: the list, one with its comparison, the author and story differences, CSV rows. */
@Injectable()
export class SimulationResultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(query: Record<string, unknown>) {
    return queryPage(this.dataSource, SIMULATIONS, query, { select: SIM_COLUMNS, from: SIM_FROM, map: (r) => withMoney(r, SIM_MONEY) });
  }

  async get(id: string, db: DataSource | EntityManager = this.dataSource) {
    const row = await one(db, `SELECT ${SIM_COLUMNS} FROM ${SIM_FROM} WHERE sm.id = $1`, [id]);
    if (!row) throw notFound('simulation', id);
    return withMoney(row, SIM_MONEY);
  }

  listAuthors(query: Record<string, unknown>) {
    return queryPage(this.dataSource, SIMULATION_AUTHORS, query, {
      select: AUTHOR_COLUMNS,
      from: AUTHOR_FROM,
      map: (r) => withMoney(r, AUTHOR_ALL_MONEY),
    });
  }

  listStories(query: Record<string, unknown>) {
    return queryPage(this.dataSource, SIMULATION_STORIES, query, {
      select: STORY_COLUMNS,
      from: STORY_FROM,
      map: (r) => withMoney(r, AUTHOR_MONEY),
    });
  }

  /** One story's run, simulation and difference (µ$, bigint), by story id; zeros when neither side has it. */
  async storyDifference(id: string, storyId: string): Promise<{ run: bigint; sim: bigint; runBoostBonus: bigint }> {
    const row = await one<{ run: string; sim: string; bb: string }>(
      this.dataSource,
      `SELECT d.run_earnings_micros::text AS run, d.sim_earnings_micros::text AS sim, d.run_boost_bonus_micros::text AS bb
       FROM simulations sm CROSS JOIN LATERAL ${STORY_DIFFS} d JOIN stories st ON st.key = d.story_key WHERE sm.id = $1 AND st.id = $2`,
      [id, storyId],
    );
    return { run: micros(row?.run ?? 0), sim: micros(row?.sim ?? 0), runBoostBonus: micros(row?.bb ?? 0) };
  }

  /** Every author's difference, for the CSV export (largest loss first). */
  async authorRows(id: string): Promise<Record<string, unknown>[]> {
    return rows(this.dataSource, `SELECT ${AUTHOR_COLUMNS} FROM ${AUTHOR_FROM} WHERE sm.id = $1 ORDER BY d.delta_earnings_micros, au.id`, [
      id,
    ]);
  }

  /**
   * Totals of both sides, the distribution of the authors' differences (gainers, losers;
   * deciles and a histogram of HISTOGRAM_BUCKETS equal ranges among the authors whose
   * earnings change), threshold crossings, and the TOP_MOVERS largest gains and losses.
   */
  async comparison(id: string) {
    const d = `SELECT d.* FROM simulations sm CROSS JOIN LATERAL ${AUTHOR_DIFFS} d WHERE sm.id = $1`;
    const totals = (await one<Record<string, unknown>>(
      this.dataSource,
      `WITH d AS (${d})
       SELECT ${Object.entries(diffFields())
         .map(([api, col]) => `coalesce(sum(${col}), 0)::text AS "${api}"`)
         .join(', ')},
              coalesce(sum(run_payout_cents), 0)::text AS "runPayoutCents", coalesce(sum(sim_payout_cents), 0)::text AS "simPayoutCents",
              count(*)::int AS authors, count(*) FILTER (WHERE delta_earnings_micros > 0)::int AS gainers,
              count(*) FILTER (WHERE delta_earnings_micros < 0)::int AS losers, count(*) FILTER (WHERE delta_earnings_micros = 0)::int AS unchanged,
              count(*) FILTER (WHERE crossing = 'up')::int AS "crossedUp", count(*) FILTER (WHERE crossing = 'down')::int AS "crossedDown",
              percentile_disc(ARRAY[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) WITHIN GROUP (ORDER BY delta_earnings_micros)
                FILTER (WHERE delta_earnings_micros <> 0)::text[] AS deciles
       FROM d`,
      [id],
    ))!;
    const histogram = await rows<{ fromMicros: string; toMicros: string; authors: number }>(
      this.dataSource,
      `WITH d AS (${d} AND d.delta_earnings_micros <> 0), b AS (SELECT min(delta_earnings_micros) AS lo, max(delta_earnings_micros) - min(delta_earnings_micros) + 1 AS w FROM d),
            counted AS (SELECT div((d.delta_earnings_micros - b.lo) * ${HISTOGRAM_BUCKETS}, b.w)::int AS i, count(*)::int AS n FROM d, b GROUP BY 1)
       SELECT (b.lo + ${ceil('g.i * b.w')})::text AS "fromMicros",
              (b.lo + ${ceil('(g.i + 1) * b.w')} - 1)::text AS "toMicros", coalesce(c.n, 0) AS authors
       FROM b CROSS JOIN generate_series(0, ${HISTOGRAM_BUCKETS - 1}) g(i) LEFT JOIN counted c ON c.i = g.i
       WHERE b.w IS NOT NULL AND ${ceil('g.i * b.w')} <> ${ceil('(g.i + 1) * b.w')}
       ORDER BY g.i`,
      [id],
    );
    const movers = (order: 'DESC' | 'ASC') =>
      rows(
        this.dataSource,
        `SELECT ${AUTHOR_COLUMNS} FROM ${AUTHOR_FROM} WHERE sm.id = $1 AND d.delta_earnings_micros ${order === 'DESC' ? '>' : '<'} 0
         ORDER BY d.delta_earnings_micros ${order}, au.id LIMIT ${TOP_MOVERS}`,
        [id],
      ).then((found) => found.map((r) => withMoney(r, AUTHOR_ALL_MONEY)));
    const { deciles, ...sums } = totals;
    return {
      totals: withMoney(sums, [...AUTHOR_MONEY, 'runPayoutCents', 'simPayoutCents']),
      deciles: ((deciles as string[] | null) ?? []).map(money),
      histogram: histogram.map((h) => ({ fromMicros: money(h.fromMicros), toMicros: money(h.toMicros), authors: h.authors })),
      topGainers: await movers('DESC'),
      topLosers: await movers('ASC'),
    };
  }
}
