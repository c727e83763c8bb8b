import { IntegrityJobs, IntegritySchedule } from './integrity.jobs.js';
import { IntegrityRunsController } from './integrity-runs.controller.js';
import { IntegrityRunsRepository } from './integrity-runs.repository.js';
import { IntegrityRunsService } from './integrity-runs.service.js';

/** The ledger's views and the integrity job (issue 17): what LedgerModule adds for them. */
export const LEDGER_VIEW_CONTROLLERS = [IntegrityRunsController];
export const LEDGER_VIEW_PROVIDERS = [IntegrityRunsRepository, IntegrityRunsService];
/** Worker only: the job handler and its daily schedule. */
export const LEDGER_WORKER_PROVIDERS = [IntegrityJobs, IntegritySchedule];
