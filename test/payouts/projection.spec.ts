import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PayoutProjectionService } from '../../libs/payouts/src/index.js';
import { EstimatesService } from '../../libs/payouts/src/estimates/estimates.service.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { insertRows, memberKey } from '../support/factory.js';
import { THRESHOLD_CASES, thresholdBundle } from './fixtures.js';
import { startRun, statements } from './helpers.js';

const USD = 1_000_000n;

/**
 * Issue 19 acceptance 3: "when will I be paid?" over the published threshold cases ($12 paid
 * at once; $5 + $3 + $3; $5 + $0 + $9), a payout on hold and a writer without a payout
 * account, through three real approved runs (January to March 2026).
 */
describe('payout projection', () => {
  let t: TestApp;
  let starter: string;
  let approver: string;
  let support: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const project = (author: string, asOf: string) => t.app.get(PayoutProjectionService).forAuthor(`a-${author}`, new Date(asOf));

  /** Runs a month, approves it, then marks it paid with the given payout states (by author). */
  const settle = async (period: string, states: Record<string, string> = {}) => {
    const run = await startRun(t, starter, period);
    await t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(approver)).set(newKey()).expect(200);
    const byAuthor = await statements(t, starter, run.id);
    return async () => {
      const payouts = Object.entries(states).map(([author, state]) => ({ statementId: String(byAuthor[`a-${author}`]!.id), state }));
      await t.http.post(`/api/payout-runs/${run.id}/mark-paid`).set(auth(approver)).set(newKey()).send({ payouts }).expect(200);
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const cases = { ...THRESHOLD_CASES, held: [2800, 0, 0], noaccount: [2400, 0, 0] };
    await loadBundle(t.db.pool, thresholdBundle(cases, ['noaccount']));
    await t.startWorker();
    starter = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
    support = await t.tokenFor(['support']);
  });
  afterAll(() => t.close());

  it('before any final run there is no statement to project from', async () => {
    const p = await project('twelve', '2026-01-20T00:00:00Z');
    expect(p).toMatchObject({ outcome: 'no_statement', amountCents: null, payBy: null });
    expect(p.text).toMatch(/^You do not have an approved payout statement yet\. Once your balance reaches the \$10\.00 minimum/);
  });

  it('follows the threshold cases, a hold and a missing payout account month by month', async () => {
    const payJanuary = await settle('2026-01', { held: 'on_hold' });
    const feb3 = '2026-02-03T09:00:00Z';
    // $12 in January: approved, paid by February 10.
    expect(await project('twelve', feb3)).toMatchObject({ outcome: 'payout_pending', amountCents: 1200n, payBy: '2026-02-10' });
    // $5: carried, $5 short, and no estimate of February yet: no month is promised.
    const five = await project('fivethreethree', feb3);
    expect(five).toMatchObject({
      outcome: 'below_threshold',
      carriedMicros: 5n * USD,
      shortfallMicros: 5n * USD,
      payBy: null,
      estimate: null,
    });
    expect(five.text).toContain(
      'We do not have an estimate of your February 2026 earnings yet, so we cannot say yet which month you will be paid.',
    );
    expect(await project('fivezeronine', feb3)).toMatchObject({ outcome: 'below_threshold', shortfallMicros: 5n * USD });
    // no payout account: $12 waits.
    const noAccount = await project('noaccount', feb3);
    expect(noAccount).toMatchObject({ outcome: 'account_not_ready', carriedMicros: 12n * USD, account: null, payBy: null });
    expect(noAccount.text).toMatch(/we cannot pay it because you have not set up a payout account yet/);

    await payJanuary();
    // the hold is named; the payout sent is no longer projected.
    const held = await project('held', feb3);
    expect(held).toMatchObject({ outcome: 'below_threshold', heldCents: 1400n, holds: [{ period: '2026-01', payoutCents: 1400n }] });
    expect(held.text).toContain('Your January 2026 payout of $14.00 is on hold; we will let you know when it is released.');
    expect(await project('twelve', feb3)).toMatchObject({ outcome: 'below_threshold', carriedMicros: 0n, shortfallMicros: 10n * USD });

    await (
      await settle('2026-02')
    )();
    const mar3 = '2026-03-03T09:00:00Z';
    expect(await project('fivethreethree', mar3)).toMatchObject({
      outcome: 'below_threshold',
      carriedMicros: 8n * USD,
      shortfallMicros: 2n * USD,
    });
    expect(await project('fivezeronine', mar3)).toMatchObject({
      outcome: 'below_threshold',
      carriedMicros: 5n * USD,
      shortfallMicros: 5n * USD,
    });

    // March's days aggregated: the month-to-date estimate is fed in ($5 + $9 and $8 + $3 reach the threshold)
    const estimates = t.app.get(EstimatesService);
    for (let d = 1; d <= 31; d++) await estimates.aggregateDay(`2026-03-${String(d).padStart(2, '0')}`);
    const mar31 = '2026-03-31T23:59:59Z';
    const estimated = await project('fivezeronine', mar31);
    expect(estimated).toMatchObject({
      outcome: 'estimated',
      amountCents: 1400n,
      payBy: '2026-04-10',
      estimate: { amountMicros: 9n * USD },
    });
    expect(estimated.text).toMatch(/an estimate of your March 2026 earnings so far is \$9\.00 \(as of March 31, 2026\)/);
    expect(await project('fivethreethree', mar31)).toMatchObject({ outcome: 'estimated', amountCents: 1100n });

    await settle('2026-03');
    const apr2 = '2026-04-02T09:00:00Z';
    // $5 + $3 + $3 and $5 + $0 + $9: paid after March, by April 10.
    expect(await project('fivethreethree', apr2)).toMatchObject({
      outcome: 'payout_pending',
      amountCents: 1100n,
      period: '2026-03',
      payBy: '2026-04-10',
    });
    expect(await project('fivezeronine', apr2)).toMatchObject({ outcome: 'payout_pending', amountCents: 1400n, payBy: '2026-04-10' });
    // the account set up and verified: the next run (April) pays the $12, by May 10.
    await insertRows(t.db.pool, 'payout_accounts', [
      { memberKey: memberKey('a-noaccount'), provider: 'stripe', accountRef: 'acct_late', status: 'verified', taxStatus: 'verified' },
    ]);
    expect(await project('noaccount', apr2)).toMatchObject({
      outcome: 'next_run',
      amountCents: 1200n,
      period: '2026-04',
      payBy: '2026-05-10',
    });
  });

  it("support reads it in the ticket's writer context and fills {{nextPayout}} in a saved reply", async () => {
    const ticket = await t.http
      .post('/api/tickets')
      .set(auth(support))
      .send({ memberId: 'a-fivethreethree', category: 'missing_payout', subject: 'When will I be paid?', body: 'Hi, when?' })
      .expect(201);
    const { body: projection } = await t.http.get(`/api/tickets/${ticket.body.id}/payout-projection`).set(auth(support)).expect(200);
    expect(projection).toMatchObject({ authorId: 'a-fivethreethree', outcome: 'payout_pending', amountCents: 1100, payBy: '2026-04-10' });
    expect(projection.text).toBe('Your payout of $11.00 for March 2026 is approved and will be paid by April 10, 2026.');
    const reply = await t.http
      .post('/api/saved-replies')
      .set(auth(support))
      .send({ title: 'When will I be paid', category: 'missing_payout', body: 'Hi {{writerFirstName}}, {{nextPayout}}' })
      .expect(201);
    const rendered = await t.http
      .post(`/api/saved-replies/${reply.body.id}/render`)
      .set(auth(support))
      .send({ ticketId: ticket.body.id })
      .expect(200);
    expect(rendered.body).toMatchObject({ missing: [], text: `Hi a-fivethreethree, ${projection.text}` });
    await t.http.get('/api/tickets/tkt_nobody/payout-projection').set(auth(support)).expect(404);
  });
});
