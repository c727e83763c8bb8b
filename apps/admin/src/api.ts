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
