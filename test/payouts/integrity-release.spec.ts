import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { IntegrityService } from '../../libs/ledger/src/index.js';
import { IntegrityActionsService, PayoutProjectionService } from '../../libs/payouts/src/index.js';
import { thresholdBundle } from './fixtures.js';
import { startRun } from './helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue 18, acceptance 3: a released hold is paid in the next run. a-twelve earns $12.00 in
 * January only; its January payout is held, released while February's draft waits, and
 * February's statement takes it into its opening and pays it, exactly once.
 */
describe('a released integrity hold is paid by the next run', () => {
  let t: TestApp;
  let finance: string;
  let approver: string;
  let support: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    finance = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
    support = await t.tokenFor(['support']);
  });
  afterAll(() => t.close());

  const approve = (runId: string) => t.http.post(`/api/payout-runs/${runId}/approve`).set(auth(approver)).set(newKey());
  const markPaid = (runId: string, payouts: { statementId: string; state: string }[] = []) =>
    t.http.post(`/api/payout-runs/${runId}/mark-paid`).set(auth(approver)).set(newKey()).send({ payouts });
  const fileIds = async (runId: string) => {
    const file = await t.http.get(`/api/payout-runs/${runId}/payout-file`).set(auth(finance)).expect(200);
    return file.text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[4]!);
  };
  const statementOf = async (runId: string, author: string) =>
    (
      await t.db.pool.query(
        `SELECT sm.id, sm.opening_micros::text AS opening, sm.payout_cents::text AS cents, sm.payout_state AS state,
                sm.returned_statement_ids::text[] AS returned, sm.returned_by_run_id AS "returnedBy"
         FROM statements sm JOIN members m ON m.key = sm.author_key WHERE sm.run_id = $1 AND m.id = $2`,
        [runId, author],
      )
    ).rows[0];
  const snapshot = async () =>
    (
      await t.db.pool.query(
        `SELECT (SELECT json_agg(s ORDER BY s.id) FROM (SELECT id, payout_state, returned_by_run_id, opening_micros::text FROM statements) s) AS statements,
                (SELECT count(*)::int FROM ledger_entries) AS entries, (SELECT count(*)::int FROM ledger_payout_events) AS events`,
      )
    ).rows[0];

  it('release: out of its own payout file, back in the balance; the next run opens with it and pays it once', async () => {
    const db = t.app.get(DataSource);
    const actions = t.app.get(IntegrityActionsService);
    const twelve = (await t.db.pool.query(`SELECT key FROM members WHERE id = 'a-twelve'`)).rows[0].key as number;
    await db.transaction((m) => actions.hold(m, { authorKey: twelve, decisionRef: 'case-rel', reason: 'reading ring under review' }));
    const jan = await startRun(t, finance, '2026-01');
    await approve(jan.id).expect(200);
    const held = await statementOf(jan.id, 'a-twelve');
    expect(held).toMatchObject({ cents: '1200', state: 'on_hold' });

    // February's draft is computed while the hold lasts (a-twelve earns nothing in February)
    const draft = await startRun(t, finance, '2026-02');
    expect(await statementOf(draft.id, 'a-twelve')).toBeUndefined();

    expect(await db.transaction((m) => actions.release(m, 'case-rel'))).toEqual({ payouts: 1, amountMicros: 12_000_000n });
    expect(await db.transaction((m) => actions.release(m, 'case-rel'))).toEqual({ payouts: 0, amountMicros: 0n });
    expect(await statementOf(jan.id, 'a-twelve')).toMatchObject({ state: 'released', returnedBy: null });
    expect(await fileIds(jan.id)).not.toContain(held.id);
    const refused = await markPaid(jan.id, [{ statementId: held.id, state: 'transferred' }]).expect(422);
    expect(refused.body.message).toMatch(/released from an integrity hold/);
    await markPaid(jan.id).expect(200);
    expect(await statementOf(jan.id, 'a-twelve')).toMatchObject({ state: 'released' });
    expect(await fileIds(jan.id)).not.toContain(held.id);

    // the ledger: held → the author's balance, with its cause; the integrity checks know the state
    const { body: entries } = await t.http
      .get('/api/author-ledger-entries')
      .query({ filter: JSON.stringify({ authorId: 'a-twelve' }), sort: JSON.stringify(['id', 'DESC']) })
      .set(auth(finance))
      .expect(200);
    expect(entries[0]).toMatchObject({
      kind: 'payout_transition',
      fromState: 'on_hold',
      toState: 'released',
      eventSource: 'release',
      amountMicros: -12_000_000,
      balanceMicros: 12_000_000,
      cause: 'Payout of 2026-01 released from review hold: back in the balance',
    });
    const { body: summary } = await t.http.get('/api/author-ledgers/a-twelve').set(auth(finance)).expect(200);
    expect(summary).toMatchObject({ balanceMicros: 12_000_000, unsettledMicros: 12_000_000, matchesStatements: true });
    expect((await t.app.get(IntegrityService).run()).checks.filter((c) => !c.ok)).toEqual([]);

    // the projection names it: the next run pays it
    const projection = await t.app.get(PayoutProjectionService).forAuthor('a-twelve', new Date('2026-02-03T09:00:00Z'));
    expect(projection).toMatchObject({
      outcome: 'next_run',
      carriedMicros: 12_000_000n,
      amountCents: 1200n,
      period: '2026-02',
      releasedCents: 1200n,
      released: [{ statementId: held.id, period: '2026-01', payoutCents: 1200n }],
      holds: [],
    });
    expect(projection.text).toContain('Your January 2026 payout of $12.00 was released from review hold');

    // the draft computed before the release is stale; recomputed, it opens with the released payout
    const stale = await approve(draft.id).expect(409);
    expect(stale.body.details).toMatchObject({ rule: 'stale_run' });
    expect(stale.body.details.reasons).toContain(
      "a payout came back to an author's balance since (failed, reversed or released from a hold)",
    );
    const feb = await startRun(t, finance, '2026-02');
    const opened = await statementOf(feb.id, 'a-twelve');
    expect(opened).toMatchObject({ opening: '12000000', cents: '1200', state: null, returned: [held.id] });
    await approve(feb.id).expect(200);
    expect(await statementOf(feb.id, 'a-twelve')).toMatchObject({ state: 'pending' });
    expect(await statementOf(jan.id, 'a-twelve')).toMatchObject({ state: 'released', returnedBy: feb.id });
    expect(await fileIds(feb.id)).toContain(opened.id);

    // the writer's explanation names the released amount in February's opening
    const { body: explained } = await t.http.get('/api/explanations/a-twelve/2026-02').set(auth(support)).expect(200);
    expect(explained.statement).toMatchObject({ openingMicros: 12_000_000, releasedMicros: 12_000_000, payoutCents: 1200 });
    expect(explained.comparison.causes).toContainEqual({
      kind: 'released_from_hold',
      text: "Your opening balance includes $12.00 released from review hold: an earlier payout held during a review, paid with this month's balance.",
      amountMicros: 0,
    });
    expect(explained.writerText).toContain(
      '(including $12.00 carried over from earlier months, of which $12.00 released from review hold)',
    );

    // approving again, re-running February, or the next month: nothing changes and nothing is taken back twice
    const before = await snapshot();
    await approve(feb.id).expect(409);
    await t.http.post('/api/payout-runs').set(auth(finance)).set(newKey()).send({ period: '2026-02' }).expect(409);
    expect(await snapshot()).toEqual(before);
    const mar = await startRun(t, finance, '2026-03');
    expect(await statementOf(mar.id, 'a-twelve')).toBeUndefined();
    await approve(mar.id).expect(200);
    await markPaid(feb.id).expect(200);
    expect(await statementOf(feb.id, 'a-twelve')).toMatchObject({ state: 'transferred' });
    const { rows: paid } = await t.db.pool.query(
      `SELECT statement_id AS id, (-sum(amount_micros))::text AS paid FROM ledger_entries WHERE account = 'paid_out' AND statement_id = ANY($1::uuid[]) GROUP BY 1`,
      [[held.id, opened.id]],
    );
    expect(paid).toEqual([{ id: opened.id, paid: '12000000' }]);
    expect((await t.app.get(IntegrityService).run()).checks.filter((c) => !c.ok)).toEqual([]);
  });
});
