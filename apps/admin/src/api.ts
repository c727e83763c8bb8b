/*
 * The server's types under the console's names, from the generated api-types.ts (one source:
 * the api's DTOs). Add an alias here instead of copying a server type into a resource.
 */
import type { components } from './api-types';

type Schemas = components['schemas'];

export type Member = Schemas['MemberView'];
export type MemberDetail = Schemas['MemberDetail'];
export type Publication = Schemas['PublicationView'];
export type PublicationDetail = Schemas['PublicationDetail'];

export type LedgerEntry = Schemas['AuthorLedgerEntryView'];
export type AuthorLedgerSummary = Schemas['AuthorLedgerSummary'];
export type TrialBalancePeriod = Schemas['TrialBalancePeriodView'];
export type TrialBalanceAccount = Schemas['TrialBalanceAccountView'];
export type TrialBalance = Schemas['TrialBalanceView'];
export type IntegrityRun = Schemas['IntegrityRunView'];
export type LatestIntegrityRun = Schemas['LatestIntegrityRun'];
export type PayoutRun = Schemas['PayoutRunView'];
/** A run of the list; its page adds what approving it would warn about (computed runs). */
export type PayoutRunDetail = PayoutRun & Partial<Pick<Schemas['PayoutRunShowView'], 'approvalWarnings'>>;
export type ApprovalWarning = Schemas['ApprovalWarningView'];
export type StoryEarning = Schemas['StoryEarningView'];
export type Statement = Schemas['StatementView'];
export type Adjustment = Schemas['AdjustmentView'];
/** A ticket of the list; its page adds the notes and the explanation's path. */
export type Ticket = Schemas['TicketRecord'] & Partial<Pick<Schemas['TicketDetailRecord'], 'notes' | 'explanationPath'>>;
export type TicketNote = Schemas['TicketNoteRecord'];
/** The explanation of a writer's period; through a ticket it also names the ticket. */
export type Explanation = Schemas['ExplanationRecord'] & Partial<Pick<Schemas['TicketExplanationRecord'], 'ticket'>>;
export type ExplainedStory = Schemas['ExplainedStoryRecord'];
export type Cause = Schemas['CauseRecord'];
export type RunSummary = Schemas['RunSummaryRecord'];
export type SavedReply = Schemas['SavedReplyRecord'] & Partial<Pick<Schemas['SavedReplyDetailRecord'], 'placeholders'>>;
export type SavedReplyPlaceholder = Schemas['SavedReplyPlaceholderRecord'];

export type Story = Schemas['StoryRecord'] & Partial<Pick<Schemas['StoryDetailRecord'], 'boosts' | 'nominations'>>;
export type Boost = Schemas['BoostRecord'];
/** A nomination of the queue; in a story's history it comes without the reading figures. */
export type Nomination = Schemas['StoryNominationRecord'] & Partial<Pick<Schemas['NominationRecord'], 'views' | 'reads' | 'readRatioBps'>>;
export type Nominator = Schemas['NominatorRecord'];
export type NominatorCalibration = Schemas['NominatorCalibrationRecord'];
export type CuratorCalibration = Schemas['CuratorCalibrationRecord'];
/** The realised-effect fields both calibrations carry. */
export type CalibrationEffect = Pick<
  NominatorCalibration,
  'endedBoosts' | 'measuredBoosts' | 'awaitingRunBoosts' | 'awaitingSimulationBoosts' | 'realisedMicros' | 'medianRealisedMicros'
>;

/** A partner of the list; its page adds the status history and the enrollments. */
export type Partner = Schemas['PartnerRecord'] & Partial<Pick<Schemas['PartnerDetailRecord'], 'history' | 'enrollments'>>;
export type Country = Schemas['CountryRecord'];
export type Application = Schemas['ApplicationRecord'];
export type Check = Schemas['CheckRecord'];

export type StaffUser = Schemas['StaffUserRecord'];
export type AuditEntry = Schemas['AuditEntryRecord'];
/** A version of the earnings parameters; the history adds what each version changed. */
export type ParameterSet = Schemas['ParameterSetView'] & Partial<Pick<Schemas['ParameterVersionView'], 'changes'>>;

export type Referral = Schemas['ReferralRecord'];
export type ReferralCredit = Schemas['ReferralCreditRecord'];
export type ReferralCreditTotals = Schemas['ReferralCreditTotalsRecord'];
/** A review queue item's claim (the same fields on applications and nominations). */
export type Claim = Pick<Schemas['ApplicationRecord'], 'claimedBy' | 'claimedByEmail' | 'claimedUntil'>;
export type BulkApproveResult = Schemas['BulkApproveResultRecord'];
export type BulkDeclineResult = Schemas['BulkDeclineResultRecord'];

/** Who is signed in; the login answer carries the second-factor state beside the user, `me` inside it. */
export type StaffIdentity = Omit<Schemas['StaffIdentityRecord'], 'secondFactor'> &
  Partial<Pick<Schemas['StaffIdentityRecord'], 'secondFactor'>>;
export type SecondFactorEnrolment = Schemas['SecondFactorEnrolmentRecord'];

export type Simulation = Schemas['SimulationView'];
export type SimulationAuthor = Schemas['SimulationAuthorView'];
export type SimulationComparison = Schemas['SimulationComparisonView'];
/** "When will I be paid?": the writer's next payout, projected (a ticket's writer context). */
export type PayoutProjection = Schemas['PayoutProjectionView'];
/** A month-to-date estimate of an author's or a story's earnings, labelled with its last day. */
export type MonthEstimate = Schemas['AuthorEstimateRecord'] | Schemas['StoryEstimateRecord'];
export type StoredFile = Schemas['SettlementFileView'];
export type SettlementFileDetail = Schemas['SettlementFileDetailView'];

export type IntegrityCase = Schemas['IntegrityCaseRecord'];
/** A version of the detector's thresholds (list, show, current). */
export type IntegrityParameterSet = Schemas['IntegrityParameterSetView'];
/** A case's page; a flag's evidence may carry its time histogram. */
export type IntegrityFlag = Omit<Schemas['IntegrityFlagRecord'], 'evidence'> & {
  evidence: Record<string, unknown> & { histogram?: { fromSeconds: number; sessions: number }[] };
};
export type IntegrityCaseDetail = Omit<Schemas['IntegrityCaseDetailRecord'], 'flags'> & { flags: IntegrityFlag[] };

/** What a settlement file would do to a run (preview), or did (apply). */
export type SettlementPreview = Schemas['SettlementPreviewRecord'];
