/** The signals the detector computes (docs/integrity-signals.md). */
export const SIGNALS = ['ring', 'farm', 'concentration'] as const;
export type Signal = (typeof SIGNALS)[number];

/** A case is about one author (farm, concentration) or one ring of writers. */
export const CASE_KINDS = ['author', 'ring'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/**
 * open: detected, waiting for a decision; cleared: no longer detected by a rerun (never decided);
 * the others are decisions, reversible until the period's run is approved.
 */
export const CASE_STATUSES = ['open', 'cleared', 'dismissed', 'excluded', 'held', 'suspended', 'forfeited'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const DECISIONS = ['dismiss', 'exclude', 'hold', 'suspend'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_STATUS: Record<Decision, CaseStatus> = {
  dismiss: 'dismissed',
  exclude: 'excluded',
  hold: 'held',
  suspend: 'suspended',
};

export const EVENT_KINDS = ['detected', 'updated', 'cleared', 'claimed', 'released', 'note', 'decided', 'reverted'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The reference payouts' exclusions and holds carry for a case's decision: this prefix and the case id. */
export const DECISION_REF_PREFIX = 'integrity-case:';
