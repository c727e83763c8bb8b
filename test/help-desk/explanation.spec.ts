import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { startRun, storyEarnings } from '../payouts/helpers.js';
import { explanationBundle, OCTOBER, SEPTEMBER } from './fixtures.js';

interface Cause {
  kind: string;
  storyId?: string;
  text: string;
  amountMicros: number;
}

/**
 * The earnings explanation over real payout runs: the bundle of fixtures.ts, September and
 * October computed by the worker, then explained through the API.
 */
describe('earnings explanation over real payout runs', () => {
  let t: TestApp;
  let finance: string;
  let support: string;
  const runs: Record<string, string> = {};
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const explain = async (author: string, period = OCTOBER) =>
    (await t.http.get(`/api/explanations/${author}/${period}`).set(auth(support)).expect(200)).body;
  const sumOf = (e: { comparison: { causes: Cause[]; residualMicros: number } }) =>
    e.comparison.causes.reduce((s, c) => s + BigInt(c.amountMicros), 0n) + BigInt(e.comparison.residualMicros);

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, explanationBundle());
    await t.startWorker();
    finance = await t.tokenFor(['finance']);
    support = await t.tokenFor(['support']);
    runs[SEPTEMBER] = (await startRun(t, finance, SEPTEMBER)).id;
    await t.http
      .post('/api/adjustments')
      .set(auth(finance))
      .set(newKey())
      .send({ authorId: 'w-mix', period: OCTOBER, amountMicros: 1_500_000, reason: 'INTERNAL-REASON goodwill for the outage' })
      .expect(201);
    runs[OCTOBER] = (await startRun(t, finance, OCTOBER)).id;
  }, 180_000);
  afterAll(() => t.close());

  it('only a boost ended: the boost is the first cause, within the boost bonus difference, named with its end date', async () => {
    const before = (await storyEarnings(t, finance, runs[SEPTEMBER]!))['s-boost']!;
    const after = (await storyEarnings(t, finance, runs[OCTOBER]!))['s-boost']!;
    const boostDiff = BigInt(after.boostBonusMicros!) - BigInt(before.boostBonusMicros!);
    expect(boostDiff).toBeLessThan(0n);

    const e = await explain('w-boost');
    const first = e.comparison.causes[0] as Cause;
    expect(first).toMatchObject({ kind: 'boost_ended', storyId: 's-boost' });
    expect(first.text).toMatch(/^Boost on 'Rivers of Light' ended on Oct 3 \(UTC\)/);
    const amount = BigInt(first.amountMicros);
    expect(amount).toBeLessThan(0n);
    expect(amount).toBeGreaterThanOrEqual(boostDiff); // |amount| <= |boost bonus difference|
    expect(e.comparison.changeMicros).toBe(after.earningsMicros! - before.earningsMicros!);
    expect(sumOf(e)).toBe(BigInt(e.comparison.changeMicros));
    expect(e.writerText).toContain("- Boost on 'Rivers of Light' ended on Oct 3 (UTC)");
  });

  it('only reading time fell: reading time is the first cause, with the fall in percent', async () => {
    const e = await explain('w-read');
    expect(e.comparison.causes[0]).toMatchObject({ kind: 'reading_time', storyId: 's-read' });
    expect(e.comparison.causes[0].text).toMatch(/^member reading time on 'Quiet Hours' fell 50% \(20 min → 10 min\): −\$0\.83$/);
    expect(e.comparison.causes[0].amountMicros).toBeLessThan(0);
    expect(sumOf(e)).toBe(BigInt(e.comparison.changeMicros));
  });

  it('several causes: ranked by absolute amount, adding up with the residual to the change to the micro-dollar', async () => {
    const e = await explain('w-mix');
    const c = e.comparison;
    const money = (c.causes as Cause[]).filter((x) => x.amountMicros !== 0);
    expect(money.map((x) => [x.kind, x.storyId ?? null])).toEqual([
      ['new_story', 's-mix-new'],
      ['adjustments', null],
      ['boost_ended', 's-mix-boost'],
      ['reading_time', 's-mix-read'],
    ]);
    expect(money[0]!.text).toBe("new story 'Night Ferry' (published Oct 5 (UTC)): +$2.00");
    const abs = money.map((x) => Math.abs(x.amountMicros));
    expect([...abs].sort((a, b) => b - a)).toEqual(abs);

    // The change is the difference of the statements' earnings before opening balance.
    const { rows } = await t.db.pool.query(
      `SELECT r.period, (s.story_earnings_micros + s.referral_earnings_micros + s.adjustments_micros)::text AS earnings
       FROM statements s JOIN payout_runs r ON r.id = s.run_id JOIN members m ON m.key = s.author_key WHERE m.id = 'w-mix'`,
    );
    const earned = Object.fromEntries(rows.map((r) => [r.period, BigInt(r.earnings)]));
    expect(BigInt(c.changeMicros)).toBe(earned[OCTOBER]! - earned[SEPTEMBER]!);
    expect(sumOf(e)).toBe(BigInt(c.changeMicros));
    expect(c.previousPeriod).toBe(SEPTEMBER);

    // The statement's carry-over is a note; the payout account is pending.
    expect(e.statement.status).toBe('below_threshold');
    expect(c.causes.at(-1)).toMatchObject({ kind: 'carried_over', amountMicros: 0 });
    expect(e.payoutAccount).toMatchObject({ status: 'pending', taxStatus: 'verified', ready: false, accountRef: 'acct_w-mix' });
    expect(e.enrollment).toMatchObject({ enrolledAtPeriodEnd: true, enrolledNow: true });
    expect(e.adjustments).toEqual([
      expect.objectContaining({ amountMicros: 1_500_000, reason: 'INTERNAL-REASON goodwill for the outage' }),
    ]);
  });

  it('every author of both runs: causes plus residual equal the change exactly', async () => {
    for (const author of ['w-boost', 'w-read', 'w-mix', 'w-comp']) {
      const e = await explain(author);
      expect({ author, sum: sumOf(e) }).toEqual({ author, sum: BigInt(e.comparison.changeMicros) });
    }
  });

  it('lists every story with breakdown, statistics and the previous period', async () => {
    const e = await explain('w-mix');
    expect(e.stories.map((s: { storyId: string }) => s.storyId).sort()).toEqual(['s-mix-boost', 's-mix-new', 's-mix-read']);
    const newStory = e.stories.find((s: { storyId: string }) => s.storyId === 's-mix-new');
    expect(newStory).toMatchObject({ title: 'Night Ferry', inRun: true, previous: null, memberReads: 1, memberReadingSeconds: 600 });
    const lanterns = e.stories.find((s: { storyId: string }) => s.storyId === 's-mix-boost');
    expect(lanterns.previous).toMatchObject({ boostedReaders: 1 });
    expect(lanterns.boostedReaders).toBe(0);
    for (const s of e.stories) {
      expect(s.readingTimeMicros + s.engagementMicros + s.readRatioAdjustmentMicros + s.followerBonusMicros + s.boostBonusMicros).toBe(
        s.earningsMicros,
      );
    }
  });

  it('compares with zero, and says so, when the previous period has no run', async () => {
    const e = await explain('w-mix', SEPTEMBER);
    expect(e.previousRun).toBeNull();
    expect(e.comparison).toMatchObject({ previousPeriod: '2026-08', hasPreviousRun: false, previousEarningsMicros: 0 });
    expect(e.comparison.causes.map((c: Cause) => c.kind)).toContain('no_previous_run');
    expect(e.writerText).toContain('There was no computed payout run for August 2026, so this compares with $0.00.');
    expect(sumOf(e)).toBe(BigInt(e.comparison.changeMicros));
  });

  it('writer-facing text: dollars, UTC days, and nothing internal', async () => {
    const e = await explain('w-mix');
    expect(e.writerText).toMatch(/^Your earnings for October 2026: \$7\.50 /);
    expect(e.writerText).toContain('These figures come from a payout run that is not approved yet');
    expect(e.writerText).toContain('Earnings are counted by UTC day: October 2026 runs from Oct 1 00:00 UTC to Nov 1 00:00 UTC');
    expect(e.writerText).not.toContain('INTERNAL-REASON');
    expect(e.writerText).not.toContain('acct_');
  });

  it('roles: support, finance and admin read explanations; reviewers and curators get 403', async () => {
    for (const roles of [['finance'], ['admin']] as const) {
      await t.http
        .get(`/api/explanations/w-boost/${OCTOBER}`)
        .set(auth(await t.tokenFor([...roles])))
        .expect(200);
    }
    for (const role of ['reviewer', 'curator'] as const) {
      const res = await t.http
        .get(`/api/explanations/w-boost/${OCTOBER}`)
        .set(auth(await t.tokenFor([role])))
        .expect(403);
      expect(res.body.code).toBe('forbidden');
    }
    await t.http.get(`/api/explanations/w-boost/${OCTOBER}`).expect(401);
  });

  it('errors: a malformed period is a 400, an unknown writer a 404, a period without a computed run a 422', async () => {
    const bad = await t.http.get('/api/explanations/w-boost/2026-13').set(auth(support)).expect(400);
    expect(bad.body.details).toEqual([{ field: 'period', message: 'must be a month YYYY-MM' }]);
    await t.http.get(`/api/explanations/nobody/${OCTOBER}`).set(auth(support)).expect(404);
    const none = await t.http.get('/api/explanations/w-boost/2026-11').set(auth(support)).expect(422);
    expect(none.body.details.rule).toBe('no_computed_run');
  });

  it('the reading site gets the writer-facing part with the intake key only', async () => {
    const key = { 'X-Api-Key': t.config.intakeApiKey };
    const res = await t.http.get(`/api/intake/explanations/w-mix/${OCTOBER}`).set(key).expect(200);
    const staff = await explain('w-mix');
    expect(res.body).toMatchObject({
      authorId: 'w-mix',
      period: OCTOBER,
      final: false,
      comparison: staff.comparison,
      writerText: staff.writerText,
    });
    expect(res.body.payoutAccount).toEqual({ status: 'pending', taxStatus: 'verified', ready: false });
    const body = JSON.stringify(res.body);
    for (const internal of ['INTERNAL-REASON', 'acct_w-mix', runs[OCTOBER]!, staff.statement.id]) expect(body).not.toContain(internal);
    expect(res.body).not.toHaveProperty('adjustments');
    await t.http.get(`/api/intake/explanations/w-mix/${OCTOBER}`).set(auth(support)).expect(401);
  });

  it("tickets: the explanation of the ticket's period, else the last computed one; notes never reach the writer", async () => {
    const created = await t.http
      .post('/api/tickets')
      .set(auth(support))
      .send({ memberId: 'w-mix', category: 'earnings_drop', subject: 'Why less?', body: 'My earnings dropped.', storyId: 's-mix-boost' })
      .expect(201);
    const id = created.body.id as string;
    await t.http
      .post(`/api/tickets/${id}/notes`)
      .set(auth(support))
      .send({ body: 'SECRET-NOTE writer is on the fraud watchlist' })
      .expect(201);

    const byDefault = await t.http.get(`/api/tickets/${id}/explanation`).set(auth(finance)).expect(200);
    expect(byDefault.body.ticket).toEqual({ id, storyId: 's-mix-boost', period: null, periodIsDefault: true });
    expect(byDefault.body.period).toBe(OCTOBER);
    await t.http.put(`/api/tickets/${id}`).set(auth(support)).send({ period: SEPTEMBER }).expect(200);
    const september = await t.http.get(`/api/tickets/${id}/explanation`).set(auth(support)).expect(200);
    expect(september.body.period).toBe(SEPTEMBER);
    for (const text of [JSON.stringify(byDefault.body), JSON.stringify(september.body)]) expect(text).not.toContain('SECRET-NOTE');
    const intake = await t.http.get(`/api/intake/explanations/w-mix/${SEPTEMBER}`).set({ 'X-Api-Key': t.config.intakeApiKey }).expect(200);
    expect(JSON.stringify(intake.body)).not.toContain('SECRET-NOTE');

    // A saved reply filled from the ticket and its period's explanation.
    const reply = await t.http
      .post('/api/saved-replies')
      .set(auth(support))
      .send({
        title: 'Earnings drop',
        category: 'earnings_drop',
        body: 'Hi {{writerFirstName}},\nIn {{periodName}} you earned {{earnings}} ({{change}} on {{previousPeriodName}}).\n{{causes}}\n{{explanation}}\n— {{agentName}}',
      })
      .expect(201);
    await t.http.put(`/api/tickets/${id}`).set(auth(support)).send({ period: OCTOBER }).expect(200);
    const rendered = await t.http.post(`/api/saved-replies/${reply.body.id}/render`).set(auth(support)).send({ ticketId: id }).expect(200);
    const e = await explain('w-mix');
    expect(rendered.body).toMatchObject({ ticketId: id, period: OCTOBER, missing: [] });
    // the change is rounded half-even like every shown amount, so it agrees with the shown $7.50 − $5.33
    expect(rendered.body.text).toContain('Hi Max,\nIn October 2026 you earned $7.50 (+$2.17 on September 2026).');
    expect(rendered.body.text).toContain("- New story 'Night Ferry' (published Oct 5 (UTC)): +$2.00.");
    expect(rendered.body.text).toContain(e.writerText);
    expect(rendered.body.text).not.toContain('SECRET-NOTE');
    expect(rendered.body.text).not.toContain('INTERNAL-REASON');
  });
});
