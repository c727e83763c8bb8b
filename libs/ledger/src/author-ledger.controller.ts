import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/src/auth/access.decorators.js';
import { ApiList } from '../../core/src/http/api-docs.js';
import { AuthorLedgerRepository, ENTRIES } from './author-ledger.repository.js';
import { PERIODS, TrialBalanceRepository } from './trial-balance.repository.js';
import { AuthorLedgerEntryView, AuthorLedgerSummary, TrialBalancePeriodView, TrialBalanceView } from './ledger-views.dto.js';

type ListParams = Record<string, unknown>;

/** An author's ledger summary: the ledger balance beside the statements' (support and finance). */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('author-ledgers')
export class AuthorLedgersController {
  constructor(private readonly ledger: AuthorLedgerRepository) {}

  @ApiOkResponse({ type: AuthorLedgerSummary })
  @Get(':authorId')
  @Roles('support', 'finance')
  get(@Param('authorId') authorId: string) {
    return this.ledger.summary(authorId);
  }
}

/** An author's ledger entries (`filter={"authorId":...}` required): cause, run, period, payout, debit/credit, running balance. */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('author-ledger-entries')
export class AuthorLedgerEntriesController {
  constructor(private readonly ledger: AuthorLedgerRepository) {}

  @ApiList(ENTRIES, AuthorLedgerEntryView)
  @Get()
  @Roles('support', 'finance')
  list(@Query() q: ListParams) {
    return this.ledger.listEntries(q);
  }
}

/** Per-period trial balances (finance): the periods, and one period's accounts with totals. */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller('trial-balances')
export class TrialBalancesController {
  constructor(private readonly trial: TrialBalanceRepository) {}

  @ApiList(PERIODS, TrialBalancePeriodView)
  @Get()
  @Roles('finance')
  list(@Query() q: ListParams) {
    return this.trial.listPeriods(q);
  }

  @ApiOkResponse({ type: TrialBalanceView })
  @Get(':period')
  @Roles('finance')
  get(@Param('period') period: string) {
    return this.trial.period(period);
  }
}
