/*
 * What writers write to support, by category. A text states only what the data says: the
 * generator knows who applied and failed, whose story was boosted, who referred whom, but
 * not what the payout run will compute, so its earnings tickets name no amounts; the demo
 * (apps/cli/src/demo.ts) writes those from the computed runs' own figures.
 */
import type { TicketCategory } from './vocabulary.js';

export interface TicketFacts {
  name: string;
  /** The ticket's period (earnings and payout tickets). */
  period: string | null;
  /** From the computed runs: the previous and this period's earnings, formatted ("$4.95"). */
  earnings?: { previousPeriod: string; before: string; after: string };
  /** From the approved run: the statement's payout, formatted. */
  payout?: string;
  /** The story the ticket is about. */
  storyTitle?: string;
}

export function ticketSubjects(category: TicketCategory, period: string | null): string[] {
  switch (category) {
    case 'earnings_drop':
      return [`My earnings dropped in ${period}`, 'Why did my earnings fall?', 'Big drop on my story — what happened?'];
    case 'missing_payout':
      return [`Payout for ${period} not received`, 'Where is my payout?'];
    case 'eligibility':
      return ['Why was my application not approved?', 'Am I eligible for the Partner Program?'];
    case 'referral':
      return ['Referral earnings question', 'Are my old referral links still paying?'];
    case 'boost':
      return ['Was my story boosted?', 'Boost ended early?'];
    default:
      return ['Question about my account', 'Can’t change my payout email', 'Bug on the stats page'];
  }
}

export function ticketBody(category: TicketCategory, f: TicketFacts): string {
  switch (category) {
    case 'earnings_drop':
      return f.earnings
        ? `Hi,\n\nMy earnings went from ${f.earnings.before} in ${f.earnings.previousPeriod} to ${f.earnings.after} in ${f.period}` +
            `${f.storyTitle ? ` (mostly "${f.storyTitle}")` : ''} and I didn't change anything.\nIs it the "read ratio" thing?\n\nThanks,\n${f.name}`
        : `Hi,\n\nMy earnings for ${f.period} look lower than the month before and I didn't change anything.\nIs it the "read ratio" thing?\n\nThanks,\n${f.name}`;
    case 'missing_payout':
      return f.payout
        ? `Hello,\nmy statement for ${f.period} says ${f.payout} will be paid out, but nothing has arrived in my Stripe account yet.\nCould you check?\n— ${f.name}`
        : `Hello,\nI haven't received a payout for ${f.period} yet.\nCould you check?\n— ${f.name}`;
    case 'eligibility':
      return `Hi team,\n\nI applied to the Partner Program and I'm told I'm not eligible.\nWhich requirement don't I meet?\n\n${f.name}`;
    case 'referral':
      return `Hi,\nI referred friends before September 2023 with my referral page. Do I still earn from them?\nThanks — ${f.name}`;
    case 'boost':
      return `Hello,\nwas my story${f.storyTitle ? ` "${f.storyTitle}"` : ''} boosted? When does the boost end?\n${f.name}`;
    default:
      return `Hi,\n\nSomething looks off:\n\t- the numbers don't add up\n\t- the page says <unknown>\n\n${f.name}`;
  }
}
