/*
 * The cause of an author's ledger entry in words, from its kind, its run's period and (for
 * payout transitions) the payout event's states. No imports: the console reads it too.
 */

const STATE_WORDS: Record<string, string> = {
  pending: 'sent for transfer',
  transferred: 'transferred',
  failed: 'failed',
  reversed: 'reversed',
  on_hold: 'put on hold',
  forfeited: 'forfeited',
};
const state = (s: string | null | undefined) => (s ? (STATE_WORDS[s] ?? s.replace(/_/g, ' ')) : 'unknown');

/** Payout states whose money is in the author's balance (as ledger-rules places it). */
const IN_BALANCE = new Set(['failed', 'reversed']);

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
