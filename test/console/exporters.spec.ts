import { describe, expect, it } from '@jest/globals';

// The console's files are loaded at run time, not imported: the root type check (nodenext)
// would otherwise follow them into the console's own build settings (Vite, JSX).
/** The columns of one export (their shape is the console's; the test reads only what they produce). */
type Columns = readonly unknown[];
const load = async (path: string) => (await import(`../../apps/admin/src/${path}`)) as Record<string, Columns>;
const helpers = (await import('../../apps/admin/src/components/csv' as string)) as { csvHeader: Header; toCsv: Csv };
const { csvHeader, toCsv } = helpers;
const { adjustmentCsv } = await load('resources/adjustments/csv');
const { applicationCsv } = await load('resources/applications/csv');
const { auditCsv } = await load('resources/audit-log/csv');
const { changedFields } = (await import('../../apps/admin/src/resources/audit-log/csv' as string)) as {
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
const { storyEarningCsv } = await load('resources/story-earnings/csv');
const { ticketCsv } = await load('resources/tickets/csv');

type Csv = (records: unknown[], columns: Columns) => string;
type Header = (columns: Columns) => string[];

// The designed CSV exports of the console (apps/admin/src/resources/*/csv.ts): the columns a
// spreadsheet user reads, one row per record, money in dollars and in exact µ$.
const usd = (h: string) => [`${h} (USD)`, `${h} (µ$)`];
const EXPECTED: Record<string, [Columns, string[]]> = {
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

describe('the console CSV exports (one designed exporter per list)', () => {
  it.each(Object.keys(EXPECTED))('%s: the designed columns, each once', (resource) => {
    const [columns, header] = EXPECTED[resource];
    expect(csvHeader(columns)).toEqual(header);
    expect(new Set(header).size).toBe(header.length);
    expect(header.length).toBeLessThanOrEqual(40);
  });

  it('an audit entry with nested before/after is one row: the changed fields by name, before and after as one-line JSON', () => {
    const entry = {
      id: 'a1',
      at: '2026-12-01T10:00:00.000Z',
      actorId: 's1',
      actorEmail: 'finance@demo.example',
      action: 'payout-run.mark-paid',
      entityType: 'payout_run',
      entityId: 'r1',
      before: { status: 'approved', statements: [{ id: 'st1', note: 'line one\nline two' }], paidAt: null },
      after: { status: 'paid', statements: [{ id: 'st1', note: 'line one\nline two' }], paidAt: '2026-12-01T10:00:00.000Z' },
      reason: null,
    };
    const csv = toCsv([entry], auditCsv);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('status; paidAt');
    expect(lines[1]).not.toContain('\n');
    expect(changedFields(null, { a: 1, b: 2 })).toEqual(['a', 'b']);
  });

  it('money in dollars (rounded half to even) and exact µ$; a negative amount keeps its sign; the rounding column makes the dollars add up', () => {
    const csv = toCsv(
      [
        {
          id: 'adj1',
          period: '2026-10',
          authorId: 'm1',
          authorName: 'Ann',
          amountMicros: -1_234_565,
          reason: 'correction',
          createdByEmail: 'finance@demo.example',
          createdAt: '2026-11-02T00:00:00.000Z',
        },
      ],
      adjustmentCsv,
    );
    expect(csv.split('\r\n')[1]).toBe('adj1,2026-10,m1,Ann,-1.23,-1234565,correction,finance@demo.example,2026-11-02T00:00:00.000Z');

    const parts = {
      readingTimeMicros: 5_000,
      engagementMicros: 5_000,
      readRatioAdjustmentMicros: 0,
      followerBonusMicros: 0,
      boostBonusMicros: 0,
    };
    const cells = toCsv([{ ...parts, earningsMicros: 10_000 }], storyEarningCsv)
      .split('\r\n')[1]
      .split(',');
    const row = Object.fromEntries(csvHeader(storyEarningCsv).map((h, i) => [h, cells[i]]));
    // $0.005 + $0.005 show as $0.00 + $0.00 (half even), the whole as $0.01: the rounding line is $0.01.
    expect([row['Reading time (USD)'], row['Engagement (USD)'], row['Rounding to the cent (USD)'], row['Earnings (USD)']]).toEqual([
      '0.00',
      '0.00',
      '0.01',
      '0.01',
    ]);
  });
});
