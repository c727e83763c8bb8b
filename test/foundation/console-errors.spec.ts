import { describe, expect, it } from '@jest/globals';
import { describeError, fieldErrors, problemText } from '../../apps/admin/src/errors.js';

/** The console's words for the API's errors (issue 16): labels from one place, what to do, no internal names. */
describe('console error messages', () => {
  const http = (status: number, body: Record<string, unknown>) => ({ status, message: String(body.message), body });

  it('names fields by their labels and says what to do', () => {
    expect(problemText('writerShareBps', 'writerShareBps must be an integer number')).toBe('Writer share: enter a whole number');
    expect(problemText('minPayoutCents', 'minPayoutCents must not be greater than 1000000')).toBe(
      'Minimum payout: enter at most 1,000,000',
    );
    expect(problemText('note', 'note must be shorter than or equal to 2000 characters')).toBe('Note: use at most 2,000 characters');
    expect(problemText('birthDate', 'birthDate: A birth date cannot be in the future (today is 2026-12-03)')).toBe(
      'Birth date: a birth date cannot be in the future (today is 2026-12-03)',
    );
  });

  it('a 400 lists each bad field once, in words; forms get the same text under each field', () => {
    const e = http(400, {
      code: 'validation_failed',
      message: 'writerShareBps must be an integer number; boostDays must not be less than 1',
      details: [
        { field: 'writerShareBps', message: 'writerShareBps must be an integer number' },
        { field: 'writerShareBps', message: 'writerShareBps must not be less than 0' },
        { field: 'boostDays', message: 'boostDays must not be less than 1' },
      ],
    });
    expect(describeError(e)).toBe('Please check: Writer share: enter a whole number; Boost window: enter at least 1.');
    expect(fieldErrors(e.body)).toEqual({ writerShareBps: 'enter a whole number', boostDays: 'enter at least 1' });
  });

  it('a rule says what to do next, without its code', () => {
    const text = describeError(
      http(422, {
        code: 'rule_violation',
        message: 'there is no computed payout run for 2026-10',
        details: { rule: 'no_computed_run', period: '2026-10' },
      }),
    );
    expect(text).toBe(
      'There is no computed payout run for 2026-10. Start the payout run of that month (Payout runs) and wait until it is computed.',
    );
    expect(text).not.toMatch(/no_computed_run|Not allowed/);
    const partner = http(422, {
      code: 'rule_violation',
      message: 'memberId: m635 is already a partner (enrollment en37)',
      details: { rule: 'not_already_enrolled', details: { field: 'memberId', enrollmentId: 'en37' } },
    });
    expect(fieldErrors(partner.body)).toEqual({ memberId: 'm635 is already a partner (enrollment en37)' });
    expect(describeError(partner)).toMatch(/^Member id: m635 is already a partner \(enrollment en37\)\. Open the partner instead/);
  });

  it('conflicts and missing records say what to do', () => {
    expect(describeError(http(409, { code: 'conflict', message: 'application ap3 is approved, not pending' }))).toBe(
      'Application ap3 is approved, not pending. Someone may have changed it meanwhile: reload to see it as it is now.',
    );
    expect(describeError({ message: 'Failed to fetch' })).toBe('Failed to fetch. Try again; if it keeps failing, tell an admin.');
  });
});
