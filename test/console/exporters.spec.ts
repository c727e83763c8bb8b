import { describe, expect, it } from '@jest/globals';
import { csvHeader, toCsv, type CsvColumn } from '../../apps/admin/src/components/csv.js';
import { adjustmentCsv } from '../../apps/admin/src/resources/adjustments/csv.js';
import { applicationCsv } from '../../apps/admin/src/resources/applications/csv.js';
import { auditCsv, changedFields } from '../../apps/admin/src/resources/audit-log/csv.js';
import { boostCsv } from '../../apps/admin/src/resources/boosts/csv.js';
import { countryCsv } from '../../apps/admin/src/resources/countries/csv.js';
import { nominationCsv } from '../../apps/admin/src/resources/nominations/csv.js';
import { nominatorCsv } from '../../apps/admin/src/resources/nominators/csv.js';
import { partnerCsv } from '../../apps/admin/src/resources/partners/csv.js';
import { payoutRunCsv } from '../../apps/admin/src/resources/payout-runs/csv.js';
import { creditCsv, creditTotalsCsv, referralCsv } from '../../apps/admin/src/resources/referrals/csv.js';
import { savedReplyCsv } from '../../apps/admin/src/resources/saved-replies/csv.js';
import { staffUserCsv } from '../../apps/admin/src/resources/staff-users/csv.js';
import { statementCsv } from '../../apps/admin/src/resources/statements/csv.js';
import { storyCsv } from '../../apps/admin/src/resources/stories/csv.js';
import { storyEarningCsv } from '../../apps/admin/src/resources/story-earnings/csv.js';
import { ticketCsv } from '../../apps/admin/src/resources/tickets/csv.js';

// The designed CSV exports of the console (apps/admin/src/resources/*/csv.ts): the columns a
// spreadsheet user reads, one row per record, money in dollars and in exact µ$.
const usd = (h: string) => [`${h} (USD)`, `${h} (µ$)`];
const EXPECTED: Record<string, [CsvColumn<never>[], string[]]> = {
  applications: [
    applicationCsv as CsvColumn<never>[],
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
    partnerCsv as CsvColumn<never>[],
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
  countries: [countryCsv as CsvColumn<never>[], ['Code', 'Country', 'Payable', 'Date added']],
  nominations: [
    nominationCsv as CsvColumn<never>[],
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
    boostCsv as CsvColumn<never>[],
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
    storyCsv as CsvColumn<never>[],
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
    nominatorCsv as CsvColumn<never>[],
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
  'payout-runs': [
    payoutRunCsv as CsvColumn<never>[],
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
    statementCsv as CsvColumn<never>[],
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
    storyEarningCsv as CsvColumn<never>[],
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
  adjustments: [
    adjustmentCsv as CsvColumn<never>[],
    ['Adjustment', 'Period', 'Author id', 'Author', ...usd('Amount'), 'Reason', 'Created by', 'Created (UTC)'],
  ],
  tickets: [
    ticketCsv as CsvColumn<never>[],
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
  'saved-replies': [savedReplyCsv as CsvColumn<never>[], ['Saved reply', 'Title', 'Category', 'Placeholders', 'Updated (UTC)', 'Text']],
  'staff-users': [
    staffUserCsv as CsvColumn<never>[],
    ['Staff account', 'Email', 'Name', 'Roles', 'Disabled', 'Created (UTC)', 'Updated (UTC)'],
  ],
  'audit-log': [
    auditCsv as CsvColumn<never>[],
    ['Entry', 'At (UTC)', 'Actor', 'Action', 'Entity type', 'Entity', 'Reason', 'Changed fields', 'Before (JSON)', 'After (JSON)'],
  ],
  referrals: [
    referralCsv as CsvColumn<never>[],
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
    creditCsv as CsvColumn<never>[],
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
    creditTotalsCsv as CsvColumn<never>[],
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
    const cells = toCsv([{ ...parts, earningsMicros: 10_000 } as never], storyEarningCsv)
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
