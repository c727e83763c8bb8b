import { describe, expect, it } from '@jest/globals';
import { EXPECTED, adjustmentCsv, auditCsv, changedFields, csvHeader, storyEarningCsv, toCsv } from './export-columns.js';

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
