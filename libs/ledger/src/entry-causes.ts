/*
 * The cause of an author's ledger entry in words, from its kind, its run's period and (for
 * payout transitions) the payout event's states. Imports only the dependency-free rules.
 */
import { UNSETTLED_PAYOUT_STATES } from './ledger-rules.js';

const STATE_WORDS: Record<string, string> = {
  pending: 'sent for transfer',
  transferred: 'transferred',
  failed: 'failed',
  reversed: 'reversed',
  on_hold: 'put on hold',
  forfeited: 'forfeited',
  released: 'released from review hold',
};
const state = (s: string | null | undefined) => (s ? (STATE_WORDS[s] ?? s.replace(/_/g, ' ')) : 'unknown');

const IN_BALANCE = new Set<string>(UNSETTLED_PAYOUT_STATES);

export interface EntryCauseInput {
  kind: string;
  period: string | null;
  fromState?: string | null;
  toState?: string | null;
}

export function entryCause({ kind, period, fromState, toState }: EntryCauseInput): string {
  const of = period ? ` of ${period}` : '';
  switch (kind) {
    case 'allocation':
      return `Story earnings${of}`;
    case 'referral_credit':
      return `Legacy referral earnings${of}`;
    case 'adjustment':
      return `Adjustments${of}`;
    case 'payout':
      return `Payout${of} sent for transfer`;
    case 'forfeit':
      return `Balance forfeited${of}`;
    case 'payout_transition':
      if (toState && IN_BALANCE.has(toState)) return `Payout${of} ${state(toState)}: back in the balance`;
      if (fromState && IN_BALANCE.has(fromState)) return `Payout${of} (${state(fromState)}) ${state(toState)}`;
      return `Payout${of}: ${state(fromState)} → ${state(toState)}`;
    default:
      return kind.replace(/_/g, ' ');
  }
}
