import { ApiProperty } from '@nestjs/swagger';
import { INTEGRITY_CHECKS } from './integrity.service.js';
import { ENTRY_KINDS } from './ledger-rules.js';

const uuid = { type: String, format: 'uuid' } as const;
const nullableUuid = { ...uuid, nullable: true } as const;
const micros = (description: string) => ({ type: 'integer', description: `${description} (integer micro-dollars)` }) as const;

/** One line of an author's account (`GET /api/author-ledger-entries`). */
export class AuthorLedgerEntryView {
  @ApiProperty({ description: 'The entry id (bigint, as a string)' }) id!: string;
  @ApiProperty({ ...uuid, description: 'The transaction group (all its lines sum to zero)' }) groupId!: string;
  @ApiProperty({ ...nullableUuid, description: 'The payout run the entry belongs to' }) runId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-10' }) period!: string | null;
  @ApiProperty({ ...nullableUuid, description: 'The statement (and so the payout) the entry belongs to' }) statementId!: string | null;
  @ApiProperty({ enum: ENTRY_KINDS }) kind!: string;
  @ApiProperty({ description: 'The cause in words (entry-causes.ts)' }) cause!: string;
  @ApiProperty({ example: 'author:42' }) account!: string;
  @ApiProperty(micros('Signed: a debit > 0 (money leaving the balance), a credit < 0')) amountMicros!: number;
  @ApiProperty(micros('The debit, 0 for a credit')) debitMicros!: number;
  @ApiProperty(micros('The credit, 0 for a debit')) creditMicros!: number;
  @ApiProperty(micros('What the program owes the author after this entry (entry order)')) balanceMicros!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty({ type: String, nullable: true, description: "The payout's state now (payout lines only)" }) payoutState!: string | null;
  @ApiProperty({ type: String, nullable: true }) statementStatus!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The payout event of a payout transition' }) payoutEventId!: string | null;
  @ApiProperty({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty({ type: String, nullable: true }) toState!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who moved the payout (mark-paid, settlement, hold, …)' }) eventSource!:
    string | null;
}

export class LatestStatementRef {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty(micros('Carried to the next month')) carriedMicros!: number;
}

/** `GET /api/author-ledgers/:authorId`: the author's ledger balance beside what the statements say. */
export class AuthorLedgerSummary {
  @ApiProperty({ description: 'The member id' }) id!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty({ type: String, nullable: true }) authorName!: string | null;
  @ApiProperty(micros('What the ledger says the program owes the author')) balanceMicros!: number;
  @ApiProperty({ type: 'integer' }) entryCount!: number;
  @ApiProperty({ type: LatestStatementRef, nullable: true }) latestStatement!: LatestStatementRef | null;
  @ApiProperty(micros('Failed or reversed payouts no later run took back')) unsettledMicros!: number;
  @ApiProperty(micros('Latest carried + unsettled')) statementsMicros!: number;
  @ApiProperty() matchesStatements!: boolean;
}

/** A period in `GET /api/trial-balances`. */
export class TrialBalancePeriodView {
  @ApiProperty({ example: '2026-10' }) id!: string;
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty(micros("The period's debits")) debitsMicros!: number;
  @ApiProperty(micros("The period's credits")) creditsMicros!: number;
  @ApiProperty({ type: 'integer' }) entryCount!: number;
  @ApiProperty({ type: 'integer' }) accountCount!: number;
  @ApiProperty() balanced!: boolean;
}

export class TrialBalanceAccountView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: "The account; `authors` sums every author's account" }) account!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'How many authors the `authors` line sums' }) authorCount!: number | null;
  @ApiProperty({ type: 'integer' }) entryCount!: number;
  @ApiProperty(micros('Opening balance, debit > 0')) openingMicros!: number;
  @ApiProperty(micros('Debits in the period')) debitsMicros!: number;
  @ApiProperty(micros('Credits in the period')) creditsMicros!: number;
  @ApiProperty(micros('Closing balance, debit > 0')) closingMicros!: number;
}

export class TrialBalanceTotals {
  @ApiProperty(micros('Sum of the openings (0)')) openingMicros!: number;
  @ApiProperty(micros('All debits')) debitsMicros!: number;
  @ApiProperty(micros('All credits')) creditsMicros!: number;
  @ApiProperty(micros('Sum of the closings (0)')) closingMicros!: number;
  @ApiProperty(micros('Closing debit balances')) closingDebitMicros!: number;
  @ApiProperty(micros('Closing credit balances')) closingCreditMicros!: number;
}

/** `GET /api/trial-balances/:period`. */
export class TrialBalanceView {
  @ApiProperty({ example: '2026-10' }) id!: string;
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty({ type: [TrialBalanceAccountView] }) accounts!: TrialBalanceAccountView[];
  @ApiProperty({ type: TrialBalanceTotals }) totals!: TrialBalanceTotals;
  @ApiProperty({ description: 'Debits equal credits and the closing balances sum to zero' }) balanced!: boolean;
}

export class IntegrityCheckOutcome {
  @ApiProperty({ enum: INTEGRITY_CHECKS }) check!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: 'integer', description: 'Offenders named (at most 50 are kept)' }) offendingCount!: number;
}

export class IntegrityFailure {
  @ApiProperty({ enum: INTEGRITY_CHECKS }) check!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The entries, authors, statements or runs the check names',
  })
  offending!: Record<string, unknown>[];
}

/** A stored run of the integrity checks (`/api/ledger-integrity-runs`). */
export class IntegrityRunView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'daily:2026-12-03' }) runKey!: string;
  @ApiProperty({ enum: ['schedule', 'manual'] }) trigger!: string;
  @ApiProperty(nullableUuid) requestedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestedByEmail!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) checkedAt!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: [IntegrityCheckOutcome] }) checks!: IntegrityCheckOutcome[];
  @ApiProperty({ type: [IntegrityFailure] }) failures!: IntegrityFailure[];
}

export class LatestIntegrityRun {
  @ApiProperty({ type: IntegrityRunView, nullable: true, description: 'null before the first run' }) run!: IntegrityRunView | null;
}
