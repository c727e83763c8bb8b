/** The integrity queue's values and record types: the server's rule file and the generated API types. */
export { CASE_KINDS, CASE_STATUSES, SIGNALS } from '@libs/integrity/src/integrity-rules';
export type { IntegrityCase, IntegrityCaseDetail as CaseDetail, IntegrityFlag as Flag } from '../../api';
