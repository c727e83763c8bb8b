import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import { queueConnection } from '../../libs/core/src/queue/queue.module.js';
import { IntegrityApprovalWarnings } from '../../libs/integrity/src/approval-warnings.js';
import { decisionRef } from '../../libs/integrity/src/cases.service.js';
import { SignalsService, StakesQueue, StakesService, stakesJobIds } from '../../libs/integrity/src/index.js';
import { IntegrityParametersService } from '../../libs/integrity/src/integrity-parameters.service.js';
import { StakesRepository } from '../../libs/integrity/src/stakes.repository.js';
import { DEFAULT_EARNINGS_PARAMETERS } from '../../libs/payouts/src/earnings-parameters.js';
import { ExclusionImpactRepository, type GroupImpact } from '../../libs/payouts/src/index.js';
import { IntegrityRunDriver } from '../payouts/integrity-run.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { addCharges, loadPlantedMonth, PERIOD } from './month.js';

type Pairs = { memberKey: number; storyKey: number }[];

/**
 * Money at stake (issue 18): the engine over the part of the month an exclusion can move
 * gives, for every story, exactly (full run with the case excluded) − (full run without), with
 * the period's other live exclusions in both; stored on the case with its gainers, shown as a
 * before/after, and used by the approval warning.
 */
describe('integrity money at stake', () => {
  let t: TestApp;
  let run: IntegrityRunDriver;
  let reviewer: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const openCases = async () =>
    (
      await t.db.pool.query(
        `SELECT id, kind, case_key AS "caseKey" FROM integrity_cases WHERE period = $1 AND status = 'open' ORDER BY case_key`,
        [PERIOD],
      )
    ).rows as { id: string; kind: string; caseKey: string }[];
  const pairsOf = async (caseId: string): Promise<Pairs> =>
    (
      await t.db.pool.query(`SELECT member_key AS "memberKey", story_key AS "storyKey" FROM integrity_case_pairs WHERE case_id = $1`, [
        caseId,
      ])
    ).rows;
  const exclude = (ref: string, pairs: Pairs) =>
    run.dataSource.transaction((m) => run.actions.exclude(m, { period: PERIOD, decisionRef: ref, pairs }));
  const revoke = (ref: string) => run.dataSource.transaction((m) => run.actions.revokeExclusion(m, ref));
  /** A full run of the period: story key → earnings, and the unallocated money. */
  const fullRun = async () => {
    const runId = await run.compute(PERIOD);
    const stories = (
      await t.db.pool.query(`SELECT story_key AS s, earnings_micros::text AS e FROM story_earnings WHERE run_id = $1`, [runId])
    ).rows as { s: number; e: string }[];
    const [{ unallocated }] = (
      await t.db.pool.query(`SELECT unallocated_micros::text AS unallocated FROM payout_runs WHERE id = $1`, [runId])
    ).rows;
    return { earnings: new Map(stories.map((r) => [r.s, BigInt(r.e)])), unallocated: BigInt(unallocated) };
  };
  /** Nonzero per-story differences after − before, sorted by story key. */
  const diff = (before: Map<number, bigint>, after: Map<number, bigint>) =>
    [...new Set([...before.keys(), ...after.keys()])]
      .map((s) => ({ storyKey: s, deltaMicros: (after.get(s) ?? 0n) - (before.get(s) ?? 0n) }))
      .filter((d) => d.deltaMicros !== 0n)
      .sort((a, b) => a.storyKey - b.storyKey);
  const stories = (g: GroupImpact) =>
    g.stories.map((s) => ({ storyKey: s.storyKey, deltaMicros: s.deltaMicros })).sort((a, b) => a.storyKey - b.storyKey);

  beforeAll(async () => {
    t = await startTestApp();
    run = new IntegrityRunDriver(t);
    await loadPlantedMonth(t.db.pool, { seed: 11, sessions: 30000, rings: 2, farms: 2, concentrations: 2 });
    await addCharges(t.db.pool);
    await t.app.get(SignalsService).detect(PERIOD);
    reviewer = await t.tokenFor(['integrity']);
  });
  afterAll(() => t.close());

  it('equals (full run with the case excluded) − (full run without), every story, to the µ$, beside a live exclusion', async () => {
    const cases = await openCases();
    expect(cases.length).toBeGreaterThanOrEqual(6);
    // one case is excluded already: the others are figured against it, and it against the rest
    const first = cases.find((c) => c.kind === 'ring')!;
    await exclude(decisionRef(first.id), await pairsOf(first.id));
    const impacts = await t.app
      .get(ExclusionImpactRepository)
      .impact(PERIOD, DEFAULT_EARNINGS_PARAMETERS, t.app.get(StakesRepository).groupsSql(PERIOD));
    expect(impacts.map((g) => g.key).sort()).toEqual(cases.map((c) => c.id).sort());
    const impactOf = (id: string) => impacts.find((g) => g.key === id)!;

    const withFirst = await fullRun();
    let moved = 0;
    for (const c of cases.filter((x) => x.id !== first.id)) {
      await exclude(`test-${c.id}`, await pairsOf(c.id));
      const both = await fullRun();
      await revoke(`test-${c.id}`);
      const expected = diff(withFirst.earnings, both.earnings);
      expect({ key: c.caseKey, stories: stories(impactOf(c.id)) }).toEqual({ key: c.caseKey, stories: expected });
      expect(impactOf(c.id).unallocatedDeltaMicros).toBe(both.unallocated - withFirst.unallocated);
      moved += expected.length;
    }
    await revoke(decisionRef(first.id));
    const none = await fullRun();
    expect(stories(impactOf(first.id))).toEqual(diff(none.earnings, withFirst.earnings));
    // money is conserved: what the stories lose goes to other stories or stays unallocated
    for (const g of impacts) expect(g.stories.reduce((n, s) => n + s.deltaMicros, 0n) + g.unallocatedDeltaMicros).toBe(0n);
    expect(moved).toBeGreaterThan(cases.length); // the exclusions move money to other writers' stories
  });

  it('is stored on the case (at stake, gainers), sortable, shown as a before/after, and warns on approval with real amounts', async () => {
    await t.db.pool.query(`TRUNCATE payout_runs, story_earnings, statements CASCADE`);
    const result = await t.app.get(StakesService).compute(PERIOD);
    const cases = await openCases();
    expect(result).toEqual({ period: PERIOD, cases: cases.length, stored: cases.length });
    const impacts = await t.app
      .get(ExclusionImpactRepository)
      .impact(PERIOD, DEFAULT_EARNINGS_PARAMETERS, t.app.get(StakesRepository).groupsSql(PERIOD));
    const listed = (await t.http.get('/api/integrity-cases?sort=["moneyAtStakeMicros","DESC"]').set(auth(reviewer)).expect(200)).body;
    const amounts = listed.map((c: { moneyAtStakeMicros: string }) => BigInt(c.moneyAtStakeMicros));
    expect(amounts).toEqual([...amounts].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    for (const c of listed) {
      const g = impacts.find((i) => i.key === c.id)!;
      const subjects = new Set(
        (
          await t.db.pool.query(
            `SELECT DISTINCT st.author_key AS a FROM integrity_case_pairs p JOIN stories st ON st.key = p.story_key WHERE p.case_id = $1`,
            [c.id],
          )
        ).rows.map((r) => r.a as number),
      );
      const lost = -g.authors.filter((a) => subjects.has(a.authorKey)).reduce((n, a) => n + a.deltaMicros, 0n);
      expect({ id: c.id, atStake: BigInt(c.moneyAtStakeMicros), gainers: c.stakeGainers }).toEqual({
        id: c.id,
        atStake: lost,
        gainers: g.authors.filter((a) => !subjects.has(a.authorKey) && a.deltaMicros > 0n).length,
      });
    }
    const top = listed[0];
    expect(BigInt(top.moneyAtStakeMicros)).toBeGreaterThan(0n);

    // no run yet: the change only
    const before = (await t.http.get(`/api/integrity-cases/${top.id}`).set(auth(reviewer)).expect(200)).body;
    expect(before.moneyAtStakeNote).toBeNull();
    expect(before.stake).toMatchObject({
      run: null,
      runNote: expect.stringContaining('no computed run'),
      totalDeltaMicros: `-${top.moneyAtStakeMicros}`,
    });
    expect(before.stake.authors[0]).toMatchObject({ nowMicros: null, afterMicros: null });

    // a computed run: now → after; once a recompute applied the exclusion, its earnings are the after
    const runId = await run.compute(PERIOD);
    const earned = async (authorId: string) =>
      (
        await t.db.pool.query(
          `SELECT coalesce(sum(se.earnings_micros), 0)::text AS e FROM story_earnings se JOIN members m ON m.key = se.author_key WHERE se.run_id = $1 AND m.id = $2`,
          [runId, authorId],
        )
      ).rows[0].e as string;
    const shown = (await t.http.get(`/api/integrity-cases/${top.id}`).set(auth(reviewer)).expect(200)).body.stake;
    const author = shown.authors[0];
    expect(author.nowMicros).toBe(await earned(author.authorId));
    expect(BigInt(author.afterMicros)).toBe(BigInt(author.nowMicros) + BigInt(author.deltaMicros));
    expect(shown.topGainers.length).toBeLessThanOrEqual(5);
    await t.http.post(`/api/integrity-cases/${top.id}/decide`).set(auth(reviewer)).set(newKey()).send({ decision: 'exclude' }).expect(200);
    await run.compute(PERIOD);
    const after = (await t.http.get(`/api/integrity-cases/${top.id}`).set(auth(reviewer)).expect(200)).body;
    expect(after.status).toBe('excluded');
    expect(after.stake.run).toMatchObject({ id: runId, applied: true });
    expect(after.stake.authors[0]).toEqual(author); // the same before/after, now from the run that applied it
    expect(await earned(author.authorId)).toBe(author.afterMicros);

    // the approval warning sums the open cases at or above its threshold
    const warnings = await t.app.get(IntegrityApprovalWarnings).forRun(run.dataSource, { id: runId, period: PERIOD });
    const { params } = await t.app.get(IntegrityParametersService).current();
    const { rows } = await t.db.pool.query(
      `SELECT coalesce(sum(money_at_stake_micros), 0)::text AS s FROM integrity_cases WHERE period = $1 AND status = 'open' AND money_at_stake_micros >= $2::bigint * 10000`,
      [PERIOD, params.approvalWarningCents],
    );
    if (rows[0].s === '0') expect(warnings).toEqual([]);
    else expect(warnings[0]).toMatchObject({ amountMicros: BigInt(rows[0].s), details: expect.objectContaining({ notComputed: 0 }) });
  });

  it('is a job per period with deterministic ids: queued once while waiting, run by the worker', async () => {
    const queue = t.app.get<Queue>(getQueueToken('integrity'));
    const stakes = t.app.get(StakesQueue);
    await queue.obliterate({ force: true });
    expect(await stakes.enqueue(PERIOD)).toEqual({ period: PERIOD, jobId: stakesJobIds(PERIOD)[0], queued: true });
    expect(await stakes.enqueue(PERIOD)).toEqual({ period: PERIOD, jobId: stakesJobIds(PERIOD)[0], queued: false });
    await expect(stakes.enqueue('2026-13')).rejects.toThrow(/period/);
    await t.db.pool.query(`UPDATE integrity_cases SET money_at_stake_micros = NULL, stake_computed_at = NULL WHERE status = 'open'`);
    const worker = await t.startWorker();
    const events = new QueueEvents('integrity', queueConnection(t.config, t.db.url).options as never);
    await events.waitUntilReady();
    try {
      const result = await (await queue.getJob(stakesJobIds(PERIOD)[0]))!.waitUntilFinished(events, 60_000);
      const open = (await openCases()).length;
      expect(result).toEqual({ period: PERIOD, cases: open, stored: open });
      const { rows } = await t.db.pool.query(
        `SELECT count(*)::int AS n FROM integrity_cases WHERE status = 'open' AND money_at_stake_micros IS NULL`,
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await events.close();
      await queue.obliterate({ force: true });
      await worker.close();
    }
  });
});
