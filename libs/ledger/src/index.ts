export * from './ledger-rules.js';
export * from './ledger.module.js';
export { LedgerService } from './ledger.service.js';
export type { JournalDifference, JournalLine, PayoutTransition } from './ledger.repository.js';
export { INTEGRITY_CHECKS, IntegrityService, type IntegrityCheckName, type IntegrityCheckResult } from './integrity.service.js';
