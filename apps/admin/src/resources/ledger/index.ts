export { AuthorLedgerPage, authorLedgerPath } from './AuthorLedgerPage';
export { IntegrityPage } from './IntegrityPage';
export { trialBalances } from './TrialBalance';
