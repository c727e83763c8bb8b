import type { DomainModule } from '../../core/src/domain-module.js';
import { IntakeModule } from '../../intake/src/intake.module.js';
import { ReferralLegacyModule } from '../../referral-legacy/src/referral-legacy.module.js';
import { EligibilityModule } from '../../eligibility/src/eligibility.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { PayoutsModule } from '../../payouts/src/payouts.module.js';
import { BoostCurationModule } from '../../boost-curation/src/boost-curation.module.js';
import { HelpDeskModule } from '../../help-desk/src/help-desk.module.js';
import { IntegrityModule } from '../../integrity/src/integrity.module.js';

export type { DomainModule, DomainModuleOptions } from '../../core/src/domain-module.js';

/** The domain libraries the apps compose, in dependency order. */
export const DOMAIN_MODULES: DomainModule[] = [
  IntakeModule,
  LedgerModule,
  PayoutsModule,
  EligibilityModule,
  ReferralLegacyModule,
  BoostCurationModule,
  HelpDeskModule,
  IntegrityModule,
];
