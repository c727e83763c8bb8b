/*
 * Who may do what, mirroring the API's @Roles declarations (libs/*\/src/*.controller.ts).
 * The console only uses it to show what the signed-in roles may do; the API stays the
 * authority (a 403 from it is reported, whatever this table says).
 */
// Relative, not @libs: test/foundation/console-access.spec.ts compiles this file with the server's tsconfig.
import { MEMBER_READERS } from '../../../libs/intake/src/directory/member-readers.js';

export const ROLES = ['admin', 'reviewer', 'curator', 'support', 'finance', 'integrity'] as const;
export type Role = (typeof ROLES)[number];

type Who = readonly Role[] | 'any';
const READ = ['list', 'show', 'export'] as const;

function rules(read: Who, writes: Record<string, Who> = {}): Record<string, Who> {
  return { ...Object.fromEntries(READ.map((a) => [a, read])), ...writes };
}

const REVIEWER = ['reviewer'] as const;
const CURATOR = ['curator'] as const;
const FINANCE = ['finance'] as const;
const SUPPORT = ['support'] as const;
const INTEGRITY = ['integrity'] as const;
const ADMIN: readonly Role[] = [];
const MONEY_READERS = ['finance', 'support'] as const;

export const ACCESS: Record<string, Record<string, Who>> = {
  'integrity-cases': rules(INTEGRITY, {
    detect: INTEGRITY,
    claim: INTEGRITY,
    release: INTEGRITY,
    notes: INTEGRITY,
    decide: INTEGRITY,
    revert: INTEGRITY,
    forfeit: INTEGRITY,
  }),
  'integrity-parameters': rules(INTEGRITY, { create: ADMIN, edit: ADMIN }),
  applications: rules(REVIEWER, {
    create: REVIEWER,
    approve: REVIEWER,
    reject: REVIEWER,
    recheck: REVIEWER,
    'bulk-approve': REVIEWER,
    claim: REVIEWER,
    release: REVIEWER,
    'claim-next': REVIEWER,
  }),
  partners: rules(['reviewer', 'support', 'finance'], { suspend: REVIEWER, reinstate: REVIEWER, remove: REVIEWER, leave: REVIEWER }),
  countries: rules('any', { create: ADMIN, edit: ADMIN, delete: ADMIN }),
  nominations: rules(CURATOR, {
    'impact-estimate': CURATOR,
    boost: CURATOR,
    decline: CURATOR,
    claim: CURATOR,
    release: CURATOR,
    'claim-next': CURATOR,
    'bulk-decline': CURATOR,
  }),
  nominators: rules(CURATOR),
  'nominator-calibration': rules(CURATOR),
  'curator-calibration': rules(CURATOR),
  boosts: rules('any', { end: CURATOR, impact: ['curator', 'finance'] }),
  stories: rules('any', { boost: CURATOR }),
  'payout-runs': rules('any', {
    create: FINANCE,
    approve: FINANCE,
    'mark-paid': FINANCE,
    'payout-file': FINANCE,
    'settlement-preview': FINANCE,
    settlement: FINANCE,
    settlements: FINANCE,
  }),
  publications: rules('any'),
  members: rules(MEMBER_READERS),
  'story-earnings': rules(MONEY_READERS),
  statements: rules(MONEY_READERS),
  adjustments: rules(MONEY_READERS, { create: FINANCE }),
  'earnings-parameters': rules('any', { edit: ADMIN }),
  // month-to-date estimates (/estimates/authors/:id, /estimates/stories/:id), shown on the story, author and ticket pages
  estimates: rules(['finance', 'support', 'curator']),
  simulations: rules(FINANCE, { create: FINANCE, delete: FINANCE, 'authors.csv': FINANCE }),
  'simulation-authors': rules(FINANCE),
  'simulation-stories': rules(FINANCE),
  referrals: rules(MONEY_READERS),
  'referral-credits': rules(MONEY_READERS),
  'referral-credit-totals': rules(MONEY_READERS),
  'writer-referrals': rules(MONEY_READERS),
  tickets: rules(MONEY_READERS, { create: SUPPORT, edit: SUPPORT, resolve: SUPPORT, reopen: SUPPORT, notes: SUPPORT }),
  'saved-replies': rules(SUPPORT, { create: SUPPORT, edit: SUPPORT, delete: SUPPORT, render: SUPPORT }),
  explanations: rules(MONEY_READERS),
  'staff-users': rules(ADMIN, { create: ADMIN, edit: ADMIN }),
  'audit-log': rules(ADMIN),
  'queue-board': rules(ADMIN),
  'author-ledger': rules(MONEY_READERS),
  'author-ledgers': rules(MONEY_READERS),
  'author-ledger-entries': rules(MONEY_READERS),
  'trial-balances': rules(FINANCE),
  'ledger-integrity': rules(FINANCE, { run: FINANCE }),
  'ledger-integrity-runs': rules(FINANCE, { create: FINANCE }),
};

/** Admins may do everything; others what the table grants their roles. Unknown resources/actions: refused. */
export function can(roles: readonly string[] | undefined, resource: string, action: string): boolean {
  if (!roles || roles.length === 0) return false;
  if (roles.includes('admin')) return true;
  const who = ACCESS[resource]?.[action];
  if (!who) return false;
  return who === 'any' || who.some((r) => roles.includes(r));
}
