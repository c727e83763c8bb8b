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
export type Simulation = Schemas['SimulationView'];
export type SimulationAuthor = Schemas['SimulationAuthorView'];
export type SimulationComparison = Schemas['SimulationComparisonView'];
