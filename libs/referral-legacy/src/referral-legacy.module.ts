import { type DynamicModule, Module } from '@nestjs/common';
import { ReferralCredits } from '../../payouts/src/referral-credits.port.js';
import type { DomainModuleOptions } from '../../core/src/domain-module.js';
import {
  ReferralCreditTotalsController,
  ReferralCreditsController,
  ReferralPageController,
  ReferralsController,
} from './referral-legacy.controller.js';
import { ReferralLegacyRepository } from './referral-legacy.repository.js';
import { ReferralCreditsService } from './referral-credits.service.js';
import { ReferralJobs, ReferralsSchedule } from './referral-jobs.js';
import { ReferralViewsService } from './referral-views.service.js';

/**
 * Legacy referrals (module `referral-legacy`). Global so that the payout run finds its
 * port `ReferralCredits` (payouts/referral-credits.port.ts), implemented here.
 */
@Module({})
export class ReferralLegacyModule {
  static forRoot({ http }: DomainModuleOptions): DynamicModule {
    return {
      module: ReferralLegacyModule,
      global: true,
      controllers: http ? [ReferralsController, ReferralCreditsController, ReferralCreditTotalsController, ReferralPageController] : [],
      providers: [
        ReferralLegacyRepository,
        ReferralCreditsService,
        { provide: ReferralCredits, useExisting: ReferralCreditsService },
        ...(http ? [ReferralViewsService] : [ReferralJobs, ReferralsSchedule]),
      ],
      exports: [ReferralCreditsService, ReferralCredits],
    };
  }
}
