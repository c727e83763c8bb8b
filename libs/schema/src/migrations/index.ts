import { Initial1795499600590 } from './1795499600590-Initial.js';
import { AuditLogAppendOnly1795499600591 } from './1795499600591-AuditLogAppendOnly.js';
import { EligibilityPartnersCountries1795500045525 } from './1795500045525-EligibilityPartnersCountries.js';
import { SeedPartnerProgramCountries1795500045526 } from './1795500045526-SeedPartnerProgramCountries.js';
import { ReferralCredits1795500171785 } from './1795500171785-ReferralCredits.js';
import { ReferralCreditsAppendOnly1795500171786 } from './1795500171786-ReferralCreditsAppendOnly.js';
import { Payouts1795500279664 } from './1795500279664-Payouts.js';
import { BoostCuration1795500468562 } from './1795500468562-BoostCuration.js';
import { HelpDesk1795501127915 } from './1795501127915-HelpDesk.js';
import { TicketNotesAppendOnly1795501127916 } from './1795501127916-TicketNotesAppendOnly.js';
import { PayoutRunChecks1795502997758 } from './1795502997758-PayoutRunChecks.js';
import { ReviewClaims1796188820935 } from './1796188820935-ReviewClaims.js';
import { MoneyWritesOnce1796189123023 } from './1796189123023-MoneyWritesOnce.js';
import { ListSortIndexes1796190000000 } from './1796190000000-ListSortIndexes.js';
import { StaffSessions1796200000000 } from './1796200000000-StaffSessions.js';
import { SecondFactor1796200000001 } from './1796200000001-SecondFactor.js';
import { LedgerJournal1796200000002 } from './1796200000002-LedgerJournal.js';
import { LedgerWriters1796210000000 } from './1796210000000-LedgerWriters.js';
import { Settlements1796220000000 } from './1796220000000-Settlements.js';
import { SettlementsAppendOnly1796220000001 } from './1796220000001-SettlementsAppendOnly.js';
import { LedgerIntegrityRuns1796230000000 } from './1796230000000-LedgerIntegrityRuns.js';
import { DirectorySortIndexes1796260000000 } from './1796260000000-DirectorySortIndexes.js';
import { LedgerStatementCheck1796270000000 } from './1796270000000-LedgerStatementCheck.js';
import { LedgerRunPartitions1796280000000 } from './1796280000000-LedgerRunPartitions.js';
import { EarningsExclusions1796290000000 } from './1796290000000-EarningsExclusions.js';
import { PayoutHolds1796290000001 } from './1796290000001-PayoutHolds.js';
import { StoryExclusionEffects1796290000002 } from './1796290000002-StoryExclusionEffects.js';
import { Integrity1796300000000 } from './1796300000000-Integrity.js';
import { IntegrityRole1796300000001 } from './1796300000001-IntegrityRole.js';
import { Simulations1796310000000 } from './1796310000000-Simulations.js';
import { SimulationStatementHolds1796310000001 } from './1796310000001-SimulationStatementHolds.js';
import { IntegrityCaseForfeited1796330000000 } from './1796330000000-IntegrityCaseForfeited.js';
import { Estimates1796350000000 } from './1796350000000-Estimates.js';
import { EstimateDayIndexes1796350000001 } from './1796350000001-EstimateDayIndexes.js';
import { EstimateFollowCandidates1796350000002 } from './1796350000002-EstimateFollowCandidates.js';

/** In order; add each new migration here (the cli's migration:generate prints the line). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Initial1795499600590, AuditLogAppendOnly1795499600591, EligibilityPartnersCountries1795500045525, SeedPartnerProgramCountries1795500045526, ReferralCredits1795500171785, ReferralCreditsAppendOnly1795500171786, Payouts1795500279664, BoostCuration1795500468562, HelpDesk1795501127915, TicketNotesAppendOnly1795501127916, PayoutRunChecks1795502997758, ReviewClaims1796188820935, MoneyWritesOnce1796189123023, ListSortIndexes1796190000000, StaffSessions1796200000000, SecondFactor1796200000001, LedgerJournal1796200000002, LedgerWriters1796210000000, Settlements1796220000000, SettlementsAppendOnly1796220000001, LedgerIntegrityRuns1796230000000, DirectorySortIndexes1796260000000, LedgerStatementCheck1796270000000, LedgerRunPartitions1796280000000, EarningsExclusions1796290000000, PayoutHolds1796290000001, StoryExclusionEffects1796290000002, Integrity1796300000000, IntegrityRole1796300000001, Simulations1796310000000, SimulationStatementHolds1796310000001, IntegrityCaseForfeited1796330000000, Estimates1796350000000, EstimateDayIndexes1796350000001, EstimateFollowCandidates1796350000002];
