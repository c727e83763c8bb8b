export * from './ledger-rules.js';
export * from './ledger.module.js';
export { LedgerService } from './ledger.service.js';
export type { JournalDifference, JournalLine, PayoutTransition } from './ledger.repository.js';
