import { describe, expect, it } from '@jest/globals';
import { dateWords, payoutDeadline } from './payout-calendar.js';
import { projectPayout, type BasisStatement, type ProjectionInput } from './payout-projection.js';
import { projectionText } from './projection-text.js';

const USD = 1_000_000n;
const ready = { status: 'verified', taxStatus: 'verified' };
const statement = (o: Partial<BasisStatement> = {}): BasisStatement => ({
  period: '2026-01',
  status: 'below_threshold',
  balanceMicros: 5n * USD,
  payoutCents: 0n,
  carriedMicros: 5n * USD,
  forfeitedMicros: 0n,
  payoutState: null,
  ...o,
});
const input = (o: Partial<ProjectionInput> = {}): ProjectionInput => ({
  asOf: new Date('2026-02-03T12:00:00Z'),
  minPayoutCents: 1000,
  latestFinalPeriod: '2026-01',
  statement: statement(),
  estimate: null,
  holds: [],
  released: [],
  account: ready,
  ...o,
});

describe('payout calendar', () => {
  it("a month's payouts are paid by the 10th of the month after it", () => {
    expect(payoutDeadline('2026-01')).toBe('2026-02-10');
    expect(payoutDeadline('2026-12')).toBe('2027-01-10');
    expect(dateWords('2027-01-10')).toBe('January 10, 2027');
  });
});

describe('payout projection', () => {
  it('$12 in January: the approved payout, paid by February 10', () => {
    const p = projectPayout(
      input({
        statement: statement({
          status: 'payable',
          balanceMicros: 12n * USD,
          payoutCents: 1200n,
          carriedMicros: 0n,
          payoutState: 'pending',
        }),
      }),
    );
    expect(p).toMatchObject({ outcome: 'payout_pending', amountCents: 1200n, period: '2026-01', payBy: '2026-02-10', shortfallMicros: 0n });
    expect(projectionText(p)).toBe('Your payout of $12.00 for January 2026 is approved and will be paid by February 10, 2026.');
  });

  it('$5 carried without an estimate: no month and no amount is guessed, and the projection says why', () => {
    const p = projectPayout(input());
    expect(p).toMatchObject({ outcome: 'below_threshold', amountCents: null, payBy: null, shortfallMicros: 5n * USD, estimate: null });
    expect(projectionText(p)).toBe(
      'You have $5.00 carried over. Payouts start at $10.00, so you need $5.00 more. We do not have an estimate of your ' +
        'February 2026 earnings yet, so we cannot say yet which month you will be paid. Once your balance reaches the $10.00 ' +
        'minimum, it is paid by the 10th of the month after.',
    );
  });

  it('$8 carried and an estimate of $3 for the open month: about $11 by the 10th of the next month, called an estimate', () => {
    const estimate = { period: '2026-02', amountMicros: 3n * USD, asOf: new Date('2026-02-20T03:00:00Z') };
    const p = projectPayout(input({ asOf: new Date('2026-02-20T12:00:00Z'), statement: statement({ carriedMicros: 8n * USD }), estimate }));
    expect(p).toMatchObject({ outcome: 'estimated', amountCents: 1100n, period: '2026-02', payBy: '2026-03-10' });
    expect(projectionText(p)).toMatch(/an estimate of your February 2026 earnings so far is \$3\.00 \(as of February 20, 2026\)/);
    // an estimate that does not reach the threshold names the shortfall and no date
    const low = projectPayout(input({ statement: statement({ carriedMicros: 5n * USD }), estimate }));
    expect(low).toMatchObject({ outcome: 'below_threshold', shortfallMicros: 2n * USD, payBy: null });
    // an estimate of another month is not used
    expect(projectPayout(input({ estimate: { ...estimate, period: '2026-03' } })).estimate).toBeNull();
  });

  it('a balance carried over the threshold (the account verified since) is paid by the next run', () => {
    const p = projectPayout(input({ statement: statement({ status: 'payout_account_not_ready', carriedMicros: 12_345_678n }) }));
    expect(p).toMatchObject({ outcome: 'next_run', amountCents: 1234n, period: '2026-02', payBy: '2026-03-10' });
  });

  it('a failed payout returns to the balance of the next run', () => {
    const p = projectPayout(
      input({ statement: statement({ status: 'payable', payoutCents: 1200n, carriedMicros: 0n, payoutState: 'failed' }) }),
    );
    expect(p).toMatchObject({ outcome: 'next_run', carriedMicros: 12n * USD, amountCents: 1200n, payBy: '2026-03-10' });
  });

  it('a missing payout account: the balance waits, and the writer is told to set one up', () => {
    const p = projectPayout(
      input({ account: null, statement: statement({ status: 'payout_account_not_ready', carriedMicros: 12n * USD }) }),
    );
    expect(p).toMatchObject({ outcome: 'account_not_ready', amountCents: null, payBy: null, account: null });
    expect(projectionText(p)).toMatch(
      /^You have \$12\.00 waiting, above the \$10\.00 minimum, but we cannot pay it because you have not set up a payout account yet\./,
    );
    const below = projectionText(projectPayout(input({ account: { status: 'verified', taxStatus: 'missing' } })));
    expect(below).toMatch(/Note that your tax details are not verified yet: it must be done before anything can be paid\.$/);
  });

  it('a hold is named with its month and amount', () => {
    const holds = [{ statementId: 'x', period: '2026-01', payoutCents: 1400n }];
    const p = projectPayout(
      input({ holds, statement: statement({ status: 'payable', payoutCents: 1400n, carriedMicros: 0n, payoutState: 'on_hold' }) }),
    );
    expect(p).toMatchObject({ outcome: 'below_threshold', heldCents: 1400n });
    expect(projectionText(p)).toMatch(/Your January 2026 payout of \$14\.00 is on hold; we will let you know when it is released\.$/);
  });

  it('a payout released from review hold is in the balance the next run opens with, and named', () => {
    const released = [{ statementId: 'x', period: '2026-01', payoutCents: 1400n }];
    const p = projectPayout(
      input({ released, statement: statement({ status: 'payable', payoutCents: 1400n, carriedMicros: 3n, payoutState: 'released' }) }),
    );
    expect(p).toMatchObject({
      outcome: 'next_run',
      carriedMicros: 14n * USD + 3n,
      amountCents: 1400n,
      releasedCents: 1400n,
      period: '2026-02',
    });
    expect(projectionText(p)).toMatch(
      /Your January 2026 payout of \$14\.00 was released from review hold: it is back in your balance, and the next payout run pays it\.$/,
    );
  });

  it('months after the latest final run that are not final yet are named instead of guessed', () => {
    const p = projectPayout(input({ asOf: new Date('2026-04-05T00:00:00Z') }));
    expect(p.unsettledPeriods).toEqual(['2026-02', '2026-03']);
    expect(projectionText(p)).toMatch(/Your February 2026 and March 2026 earnings are not final yet, so we cannot say yet/);
  });

  it('no statement yet, and a forfeited balance', () => {
    expect(projectPayout(input({ statement: null, latestFinalPeriod: null })).outcome).toBe('no_statement');
    const f = projectPayout(input({ statement: statement({ status: 'forfeited', carriedMicros: 0n, forfeitedMicros: 7n * USD }) }));
    expect(f.outcome).toBe('forfeited');
    expect(projectionText(f)).toMatch(/^Your balance of \$7\.00 was forfeited with your January 2026 statement/);
  });
});
