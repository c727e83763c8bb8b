import { Controller, Get, Param, Query, Redirect } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../../core/src/index.js';
import { ReferralViewsService } from './referral-views.service.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { CREDIT_LIST, REFERRAL_LIST, TOTALS_LIST } from './referral-legacy.repository.js';
import { ReferralCreditRecord, ReferralCreditTotalsRecord, ReferralRecord } from './referral-legacy.dto.js';

/*
 * Read-only on purpose: referrals come from history (intake) and credits from the monthly
 * run; nobody edits either by hand (corrections are payout adjustments).
 */

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly views: ReferralViewsService) {}

  /** Legacy referrals with the referred member's plan and whether they still pay (filter by `referrerId` for a writer's). */
  @Get()
  @Roles('support', 'finance')
  @ApiList(REFERRAL_LIST, ReferralRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.views.referrals(query);
  }

  @Get(':id')
  @Roles('support', 'finance')
  @ApiOkResponse({ type: ReferralRecord })
  get(@Param('id') id: string) {
    return this.views.referral(id);
  }
}

@ApiTags('referral-credits')
@ApiBearerAuth()
@Controller('referral-credits')
export class ReferralCreditsController {
  constructor(private readonly views: ReferralViewsService) {}

  /** Monthly credits and reversals (`amountMicros`, negative for reversals). */
  @Get()
  @Roles('support', 'finance')
  @ApiList(CREDIT_LIST, ReferralCreditRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.views.credits(query);
  }

  @Get(':id')
  @Roles('support', 'finance')
  @ApiOkResponse({ type: ReferralCreditRecord })
  get(@Param('id') id: string) {
    return this.views.credit(id);
  }
}

@ApiTags('referral-credits')
@ApiBearerAuth()
@Controller('referral-credit-totals')
export class ReferralCreditTotalsController {
  constructor(private readonly views: ReferralViewsService) {}

  /** One row per period (id = period); filter by `referrerId` for one writer's monthly totals. */
  @Get()
  @Roles('support', 'finance')
  @ApiList(TOTALS_LIST, ReferralCreditTotalsRecord)
  list(@Query() query: Record<string, unknown>) {
    return this.views.totals(query);
  }

  @Get(':period')
  @Roles('support', 'finance')
  @ApiOkResponse({ type: ReferralCreditTotalsRecord })
  get(@Param('period') period: string) {
    return this.views.periodTotals(period);
  }
}

/** `GET /r/<pageSlug>` (outside /api): old referral pages redirect to the writer's profile and attribute nothing. */
@ApiExcludeController()
@Controller('r')
export class ReferralPageController {
  constructor(private readonly views: ReferralViewsService) {}

  @Get(':slug')
  @Public()
  @Redirect()
  async page(@Param('slug') slug: string) {
    return { url: await this.views.pageTarget(slug), statusCode: 302 };
  }
}
