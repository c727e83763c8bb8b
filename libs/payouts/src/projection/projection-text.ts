import { formatCents, formatDollars } from '../../../core/src/money/money.js';
import { periodName } from '../../../core/src/period/period.js';
import { dateWords, PAYOUT_DAY_OF_MONTH } from './payout-calendar.js';
import type { PayoutProjection } from './payout-projection.js';

/*
 * The projection in words a writer understands (support pastes it into a reply as
 * `{{nextPayout}}`): what will be paid, when, and what stands in the way. Estimates are
 * called estimates; without one no amount or month is guessed.
 */

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

function accountWords(p: PayoutProjection): string {
  if (!p.account) return 'you have not set up a payout account yet';
  if (p.account.status !== 'verified')
    return `your payout account ${p.account.taxStatus !== 'verified' ? 'and tax details are' : 'is'} not verified yet`;
  return 'your tax details are not verified yet';
}

function mainSentence(p: PayoutProjection): string {
  const minimum = formatDollars(p.thresholdMicros);
  const carried = formatDollars(p.carriedMicros);
  const calendar = `Once your balance reaches the ${minimum} minimum, it is paid by the ${ordinal(PAYOUT_DAY_OF_MONTH)} of the month after.`;
  switch (p.outcome) {
    case 'payout_pending':
      return `Your payout of ${formatCents(p.amountCents!)} for ${periodName(p.period!)} is approved and will be paid by ${dateWords(p.payBy!)}.`;
    case 'next_run':
      return (
        `You have ${carried} carried over, above the ${minimum} minimum: it will be paid with your ${periodName(p.period!)} earnings, ` +
        `by ${dateWords(p.payBy!)} (at least ${formatCents(p.amountCents!)}).`
      );
    case 'estimated':
      return (
        `You have ${carried} carried over, and an estimate of your ${periodName(p.estimate!.period)} earnings so far is ` +
        `${formatDollars(p.estimate!.amountMicros)} (as of ${dateWords(p.estimate!.asOf.toISOString().slice(0, 10))}). ` +
        `If that holds, you will pass the ${minimum} minimum and be paid about ${formatCents(p.amountCents!)} by ${dateWords(p.payBy!)}.`
      );
    case 'account_not_ready':
      return `You have ${formatDollars(p.carriedMicros + (p.estimate?.amountMicros ?? 0n))} waiting, above the ${minimum} minimum, but we cannot pay it because ${accountWords(p)}. It stays in your balance until then.`;
    case 'forfeited':
      return `Your balance of ${formatDollars(p.statement!.forfeitedMicros)} was forfeited with your ${periodName(p.statement!.period)} statement, because your Partner Program enrollment had ended too long before.`;
    case 'no_statement':
      return `You do not have an approved payout statement yet. ${calendar}`;
    case 'below_threshold': {
      const need = `Payouts start at ${minimum}, so you need ${formatDollars(p.shortfallMicros)} more`;
      if (p.estimate)
        return (
          `You have ${carried} carried over, and an estimate of your ${periodName(p.estimate.period)} earnings so far is ` +
          `${formatDollars(p.estimate.amountMicros)}. ${need}; we cannot say yet which month you will be paid. ${calendar}`
        );
      const months = p.unsettledPeriods;
      const unsettled =
        months.length > 2 ? `Your earnings since ${periodName(months[0]!)}` : `Your ${list(months.map(periodName))} earnings`;
      const pending = months.length
        ? `${unsettled} are not final yet`
        : `We do not have an estimate of your ${periodName(p.openPeriod)} earnings yet`;
      return `You have ${carried} carried over. ${need}. ${pending}, so we cannot say yet which month you will be paid. ${calendar}`;
    }
  }
}

/** The whole answer: the next payout, then holds and the payout account when they matter. */
export function projectionText(p: PayoutProjection): string {
  const parts = [mainSentence(p)];
  for (const h of p.holds)
    parts.push(
      `Your ${periodName(h.period)} payout of ${formatCents(h.payoutCents)} is on hold; we will let you know when it is released.`,
    );
  for (const r of p.released)
    parts.push(
      `Your ${periodName(r.period)} payout of ${formatCents(r.payoutCents)} was released from review hold: it is back in your balance, and the next payout run pays it.`,
    );
  if (!p.account?.ready && p.outcome !== 'account_not_ready' && p.outcome !== 'payout_pending' && p.outcome !== 'forfeited')
    parts.push(`Note that ${accountWords(p)}: it must be done before anything can be paid.`);
  return parts.join(' ');
}
