// The console's CSV exporters and the columns each is designed to have (exporters.spec.ts).

// The console's files are loaded at run time, not imported: the root type check (nodenext)
// would otherwise follow them into the console's own build settings (Vite, JSX).
/** The columns of one export (their shape is the console's; the test reads only what they produce). */
type Columns = readonly unknown[];
const load = async (path: string) => (await import(`../../apps/admin/src/${path}`)) as Record<string, Columns>;
const helpers = (await import('../../apps/admin/src/components/csv' as string)) as { csvHeader: Header; toCsv: Csv };
export const { csvHeader, toCsv } = helpers;
export const { adjustmentCsv } = await load('resources/adjustments/csv');
const { applicationCsv } = await load('resources/applications/csv');
export const { auditCsv } = await load('resources/audit-log/csv');
export const { changedFields } = (await import('../../apps/admin/src/resources/audit-log/csv' as string)) as {
  changedFields: (before: unknown, after: unknown) => string[];
};
const { boostCsv } = await load('resources/boosts/csv');
const { countryCsv } = await load('resources/countries/csv');
const { nominationCsv } = await load('resources/nominations/csv');
const { nominatorCsv } = await load('resources/nominators/csv');
const { curatorCalibrationCsv, nominatorCalibrationCsv } = await load('resources/calibration/csv');
const { partnerCsv } = await load('resources/partners/csv');
const { payoutRunCsv } = await load('resources/payout-runs/csv');
const { creditCsv, creditTotalsCsv, referralCsv } = await load('resources/referrals/csv');
const { savedReplyCsv } = await load('resources/saved-replies/csv');
const { staffUserCsv } = await load('resources/staff-users/csv');
const { statementCsv } = await load('resources/statements/csv');
const { storyCsv } = await load('resources/stories/csv');
export const { storyEarningCsv } = await load('resources/story-earnings/csv');
const { ticketCsv } = await load('resources/tickets/csv');

type Csv = (records: unknown[], columns: Columns) => string;
type Header = (columns: Columns) => string[];

// The designed CSV exports of the console (apps/admin/src/resources/*/csv.ts): the columns a
// spreadsheet user reads, one row per record, money in dollars and in exact µ$.
const usd = (h: string) => [`${h} (USD)`, `${h} (µ$)`];
export const EXPECTED: Record<string, [Columns, string[]]> = {
  applications: [
    applicationCsv,
    [
      'Application',
      'Submitted (UTC)',
      'Member id',
      'Username',
      'Name',
      'Country',
      'Status',
      'Eligible',
      'Failing checks',
      'Checked (UTC)',
      'Decided by',
      'Decided (UTC)',
      'Reject reason',
      'Note',
      'Enrollment',
    ],
  ],
  partners: [
    partnerCsv,
    [
      'Partner',
      'Member id',
      'Username',
      'Name',
      'Email',
      'Country',
      'Status',
      'Status reason',
      'Status since (UTC)',
      'Enrolled (UTC)',
      'Left (UTC)',
      'Enrollment',
    ],
  ],
  countries: [countryCsv, ['Code', 'Country', 'Payable', 'Date added']],
  nominations: [
    nominationCsv,
    [
      'Nomination',
      'Nominated (UTC)',
      'Status',
      'Story id',
      'Story',
      'Story published (UTC)',
      'Story age (days)',
      'Author id',
      'Author',
      'Author is a partner',
      'Publication id',
      'Publication',
      'Nominator id',
      'Nominator',
      'Views',
      'Reads',
      'Read ratio',
      'Refusal reason',
      'Decline reason',
      'Note',
      'Decided by',
      'Decided (UTC)',
      'Boost',
    ],
  ],
  boosts: [
    boostCsv,
    [
      'Boost',
      'Story id',
      'Story',
      'Author id',
      'Publication',
      'Source',
      'State',
      'Starts (UTC)',
      'Ends (UTC)',
      'Scheduled end (UTC)',
      'Ended early',
      'Ended (UTC)',
      'Boosted by',
      'Boost reason',
      'Ended by',
      'End reason',
      'Nomination',
    ],
  ],
  stories: [
    storyCsv,
    [
      'Story',
      'Title',
      'Author id',
      'Author',
      'Publication id',
      'Publication',
      'Status',
      'Published (UTC)',
      'Members only',
      'AI disclosed',
      'Language',
    ],
  ],
  nominators: [
    nominatorCsv,
    [
      'Member id',
      'Name',
      'Username',
      'This month',
      'Last 7 days',
      'Total',
      'Pending',
      'Boosted',
      'Declined',
      'Refused',
      'Approval rate (boosted / decided)',
      'Good standing',
      'Last nomination (UTC)',
    ],
  ],
  'nominator-calibration': [
    nominatorCalibrationCsv,
    [
      'Member id',
      'Name',
      'Nominations',
      'Boosted',
      'Declined',
      'Refused',
      'Pending',
      'Acceptance rate (boosted / decided)',
      'Ended boosts',
      'Measured',
      'Awaiting a run',
      'Awaiting a simulation',
      ...usd('Realised effect'),
      ...usd('Median effect'),
    ],
  ],
  'curator-calibration': [
    curatorCalibrationCsv,
    [
      'Staff id',
      'Name',
      'Email',
      'Decisions',
      'Boosted',
      'Declined',
      'Acceptance rate (boosted / decided)',
      'Stories boosted unprompted',
      'Boosts chosen',
      'Ended boosts',
      'Measured',
      'Awaiting a run',
      'Awaiting a simulation',
      ...usd('Realised effect'),
      ...usd('Median effect'),
    ],
  ],
  'payout-runs': [
    payoutRunCsv,
    [
      'Run',
      'Period',
      'Status',
      'Attempt',
      'Parameters version',
      ...usd('Pool'),
      ...usd('Allocated'),
      ...usd('Unallocated'),
      ...usd('Legacy referral credits'),
      ...usd('Paid out'),
      'Authors paid',
      'Members',
      'Member-author pairs',
      'Queued (UTC)',
      'Started by',
      'Computed (UTC)',
      'Approved by',
      'Approved (UTC)',
      'Paid (UTC)',
      'Error',
    ],
  ],
  statements: [
    statementCsv,
    [
      'Statement',
      'Period',
      'Author id',
      'Author',
      'Status',
      'Payout state',
      'Payout state since (UTC)',
      ...usd('Opening balance'),
      ...usd('Story earnings'),
      ...usd('Legacy referral earnings'),
      ...usd('Adjustments'),
      'Rounding to the cent (USD)',
      ...usd('Balance'),
      ...usd('Payout'),
      ...usd('Carried to next month'),
      ...usd('Forfeited'),
      'Run',
    ],
  ],
  'story-earnings': [
    storyEarningCsv,
    [
      'Period',
      'Story id',
      'Story',
      'Author id',
      'Author',
      ...usd('Reading time'),
      ...usd('Engagement'),
      ...usd('Read ratio adjustment'),
      ...usd('Follower bonus'),
      ...usd('Boost bonus'),
      'Rounding to the cent (USD)',
      ...usd('Earnings'),
      'Views',
      'Reads',
      'Member reads',
      'Member reading time (seconds)',
      'Read ratio adjustment (bps)',
      'Clappers',
      'Highlighters',
      'Repliers',
      'New follows',
      'Follower readers',
      'Boosted readers',
      'Run',
    ],
  ],
  adjustments: [adjustmentCsv, ['Adjustment', 'Period', 'Author id', 'Author', ...usd('Amount'), 'Reason', 'Created by', 'Created (UTC)']],
  tickets: [
    ticketCsv,
    [
      'Ticket',
      'Opened (UTC)',
      'Status',
      'Category',
      'Subject',
      'Member id',
      'Member',
      'Username',
      'Story id',
      'Story',
      'Period',
      'Assignee',
      'Age (days)',
      'Source',
      'Resolution',
      'Resolved (UTC)',
      'Updated (UTC)',
      'Message',
    ],
  ],
  'saved-replies': [savedReplyCsv, ['Saved reply', 'Title', 'Category', 'Placeholders', 'Updated (UTC)', 'Text']],
  'staff-users': [staffUserCsv, ['Staff account', 'Email', 'Name', 'Roles', 'Disabled', 'Created (UTC)', 'Updated (UTC)']],
  'audit-log': [
    auditCsv,
    ['Entry', 'At (UTC)', 'Actor', 'Action', 'Entity type', 'Entity', 'Reason', 'Changed fields', 'Before (JSON)', 'After (JSON)'],
  ],
  referrals: [
    referralCsv,
    [
      'Referral',
      'Referred (UTC)',
      'Referrer id',
      'Referrer',
      'Referrer username',
      'Referred member id',
      'Referred member',
      'Page',
      'Plan',
      'Still paying',
      ...usd('Credited'),
    ],
  ],
  'referral-credits': [
    creditCsv,
    [
      'Credit',
      'Period',
      'Kind',
      ...usd('Amount'),
      'Reverses period',
      'Referral',
      'Charge',
      'Referrer id',
      'Referrer',
      'Referred member id',
      'Plan',
      'Credited (UTC)',
    ],
  ],
  'referral-credit-totals': [
    creditTotalsCsv,
    ['Period', 'Credits', 'Reversals', 'Referrers', ...usd('Credited'), ...usd('Reversed'), ...usd('Total')],
  ],
};
