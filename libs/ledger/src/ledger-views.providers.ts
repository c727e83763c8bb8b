import { AuthorLedgerEntriesController, AuthorLedgersController, TrialBalancesController } from './author-ledger.controller.js';
import { AuthorLedgerRepository } from './author-ledger.repository.js';
import { TrialBalanceRepository } from './trial-balance.repository.js';
import { IntegrityJobs, IntegritySchedule } from './integrity.jobs.js';
import { IntegrityRunsController } from './integrity-runs.controller.js';
import { IntegrityRunsRepository } from './integrity-runs.repository.js';
import { IntegrityRunsService } from './integrity-runs.service.js';

/** The ledger's views and the integrity job (issue 17): what LedgerModule adds for them. */
export const LEDGER_VIEW_CONTROLLERS = [
  IntegrityRunsController,
  AuthorLedgersController,
  AuthorLedgerEntriesController,
  TrialBalancesController,
];
export const LEDGER_VIEW_PROVIDERS = [IntegrityRunsRepository, IntegrityRunsService, AuthorLedgerRepository, TrialBalanceRepository];
/** Worker only: the job handler and its daily schedule. */
export const LEDGER_WORKER_PROVIDERS = [IntegrityJobs, IntegritySchedule];
