import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiMoney, ApiTimestamp } from '../../../core/src/http/api-docs.js';
import { PAYOUT_STATES } from '../payout-rules.js';
import { SETTLEMENT_LINE_CLASSES, SETTLEMENT_STATUSES } from '../settlement-rules.js';

/* What the settlement preview and apply routes answer (OpenAPI; the console's types come from these). */

/** A processor failure code with what it means and what to tell the writer (payout-failure-codes.ts). */
export class PayoutFailureCodeRecord {
  @ApiProperty() meaning!: string;
  @ApiProperty() tellWriter!: string;
  @ApiProperty() writerMustAct!: boolean;
}

/** A line of the uploaded file, classified against the run's payouts. */
export class SettlementPreviewLineRecord {
  @ApiProperty({ type: 'integer' }) line!: number;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: SETTLEMENT_STATUSES }) status!: string;
  @ApiMoney() amountMicros!: number | string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: String, nullable: true }) failureCode!: string | null;
  @ApiProperty({ type: PayoutFailureCodeRecord, nullable: true }) failure!: PayoutFailureCodeRecord | null;
  @ApiProperty({ enum: SETTLEMENT_LINE_CLASSES }) class!: (typeof SETTLEMENT_LINE_CLASSES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) statementId!: string | null;
  @ApiProperty({ type: String, nullable: true }) authorId!: string | null;
  @ApiMoney({ nullable: true }) expectedMicros!: number | string | null;
  @ApiProperty({ enum: PAYOUT_STATES, nullable: true }) currentState!: string | null;
  @ApiProperty({ enum: PAYOUT_STATES, nullable: true }) newState!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class SettlementCountRecord {
  @ApiProperty({ type: 'integer' }) lines!: number;
  @ApiMoney() amountMicros!: number | string;
}

export class SettlementChangeRecord {
  @ApiProperty({ type: 'integer' }) payouts!: number;
  @ApiMoney() amountMicros!: number | string;
}

export class SettlementMissingRecord {
  @ApiProperty({ type: 'integer' }) payouts!: number;
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiMoney() amountMicros!: number | string;
}

export class SettlementMissingPayoutRecord {
  @ApiProperty({ format: 'uuid' }) statementId!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty({ enum: PAYOUT_STATES }) state!: string;
  @ApiMoney() amountMicros!: number | string;
}

export class SettlementAlreadyAppliedRecord {
  @ApiProperty({ format: 'uuid' }) fileId!: string;
  @ApiTimestamp() appliedAt!: string;
  @ApiProperty({ type: String, nullable: true }) appliedByEmail!: string | null;
}

export class SettlementAppliedRecord {
  @ApiProperty({ format: 'uuid' }) fileId!: string;
  @ApiProperty({ type: 'integer' }) payouts!: number;
  @ApiMoney() amountMicros!: number | string;
}

/** What a settlement file would do to the run (preview), or did (apply: `applied`, `runStatus`). */
export class SettlementPreviewRecord {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ type: 'integer' }) lineCount!: number;
  @ApiProperty({ type: SettlementAlreadyAppliedRecord, nullable: true }) alreadyApplied!: SettlementAlreadyAppliedRecord | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/SettlementCountRecord' },
    description: 'per line class',
  })
  classes!: Record<(typeof SETTLEMENT_LINE_CLASSES)[number], SettlementCountRecord>;
  @ApiProperty({ type: SettlementMissingRecord }) missing!: SettlementMissingRecord;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/SettlementChangeRecord' },
    description: 'per new payout state',
  })
  changes!: Record<string, SettlementChangeRecord>;
  @ApiProperty({ type: [SettlementPreviewLineRecord] }) lines!: SettlementPreviewLineRecord[];
  @ApiProperty() linesTruncated!: boolean;
  @ApiProperty({ type: [SettlementMissingPayoutRecord] }) missingPayouts!: SettlementMissingPayoutRecord[];
  @ApiProperty() missingTruncated!: boolean;
  @ApiPropertyOptional({ type: SettlementAppliedRecord, nullable: true }) applied?: SettlementAppliedRecord | null;
  @ApiPropertyOptional({ description: 'the run’s status after applying' }) runStatus?: string;
}
