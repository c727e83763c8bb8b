import type { DataSource, EntityManager } from 'typeorm';

/**
 * What approving a run asks of other modules: warnings the approver should read first (e.g.
 * open integrity cases with money at stake above a threshold). Approval shows them and
 * records them in its audit entry but never blocks on them. Provide it as
 * `{ provide: APPROVAL_WARNINGS, useExisting: YourService }` in a global module and export
 * the token; when nobody provides it, a run has no warnings.
 */
export const APPROVAL_WARNINGS = Symbol('APPROVAL_WARNINGS');

export interface ApprovalWarning {
  /** Stable machine name, e.g. `integrity_open_cases`. */
  code: string;
  /** What the approver reads. */
  message: string;
  /** Money at stake, µ$ (null: none named). */
  amountMicros: bigint | null;
  /** Anything the console may show with it (counts, case ids). */
  details?: Record<string, unknown>;
}

export interface ApprovalWarnings {
  /** The warnings for approving the run, read in `db` (the approval's transaction when approving). */
  forRun(db: DataSource | EntityManager, run: { id: string; period: string }): Promise<ApprovalWarning[]>;
}
