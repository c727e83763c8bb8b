import { ApiProperty } from '@nestjs/swagger';
import { ApiTimestamp } from '../../core/src/http/api-docs.js';
import { ClaimRecord } from '../../core/src/review/claim-record.dto.js';
import { CASE_KINDS, CASE_STATUSES, EVENT_KINDS, SIGNALS } from './integrity-rules.js';

/* What the integrity-cases routes answer (OpenAPI; the console's types come from these). */

/** A case of the integrity queue (CaseRow): money in µ$ as decimal strings, null when not computed yet. */
export class IntegrityCaseRecord extends ClaimRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty() caseKey!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty() score!: number;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: SIGNALS, isArray: true }) signals!: string[];
  @ApiProperty() memberCount!: number;
  @ApiProperty() sessionCount!: number;
  @ApiProperty({ description: 'time points (capped seconds) of the reading involved' }) timePoints!: string;
  @ApiProperty({ type: String, nullable: true, description: 'what the case’s authors would lose with its pairs excluded (µ$)' })
  moneyAtStakeMicros!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'other writers whose earnings would rise with the case excluded' })
  stakeGainers!: number | null;
  @ApiTimestamp({ nullable: true }) stakeComputedAt!: string | null;
  @ApiProperty() paramsVersion!: number;
  @ApiTimestamp() detectedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiTimestamp({ nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
}

/** A signal's flag on the case, with its evidence (members, stories, counts, time distribution, shares). */
export class IntegrityFlagRecord {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SIGNALS }) signal!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the signal’s evidence; `histogram` buckets when present' })
  evidence!: Record<string, unknown>;
}

/** A (member, story) pair of the reading the case involves. */
export class CasePairRecord {
  @ApiProperty() memberKey!: number;
  @ApiProperty() storyKey!: number;
  @ApiProperty() memberId!: string;
  @ApiProperty() storyId!: string;
  @ApiProperty() sessions!: number;
  @ApiProperty() timePoints!: string;
}

export class CaseEventRecord {
  @ApiProperty() id!: string;
  @ApiTimestamp() at!: string;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) data!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
}

/** An author's story earnings in the period: now → with the case excluded (null: no computed run), and the change. */
export class CaseStakeAuthorRecord {
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ description: 'with the case excluded − now (µ$)' }) deltaMicros!: string;
  @ApiProperty({ type: String, nullable: true }) nowMicros!: string | null;
  @ApiProperty({ type: String, nullable: true }) afterMicros!: string | null;
}

/** The period's computed run "now" comes from; `applied`: it already applied this case's exclusion. */
export class CaseStakeRunRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() applied!: boolean;
}

/** The before/after of excluding the case: its authors and the largest gainers. */
export class CaseStakeRecord {
  @ApiProperty({ type: CaseStakeRunRecord, nullable: true }) run!: CaseStakeRunRecord | null;
  @ApiProperty({ type: String, nullable: true, example: 'no computed run for the period yet: the change only' }) runNote!: string | null;
  @ApiProperty({ type: [CaseStakeAuthorRecord] }) authors!: CaseStakeAuthorRecord[];
  @ApiProperty({ description: 'the case authors’ change together (µ$)' }) totalDeltaMicros!: string;
  @ApiProperty({ type: [CaseStakeAuthorRecord], description: 'the largest gainers (first 5)' }) topGainers!: CaseStakeAuthorRecord[];
}

/** A case's page: the case, its flags, its first pairs and its history. */
export class IntegrityCaseDetailRecord extends IntegrityCaseRecord {
  @ApiProperty({ type: CaseStakeRecord, nullable: true }) stake!: CaseStakeRecord | null;
  @ApiProperty({ type: [IntegrityFlagRecord] }) flags!: IntegrityFlagRecord[];
  @ApiProperty({ type: [CasePairRecord] }) pairs!: CasePairRecord[];
  @ApiProperty({ type: [CaseEventRecord] }) history!: CaseEventRecord[];
  @ApiProperty({ type: String, nullable: true, example: 'not computed yet' }) moneyAtStakeNote!: string | null;
}
