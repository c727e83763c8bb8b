import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PARAMETER_SECTIONS, PARAMETER_BOUNDS, SECTION_NAMES, flatView } from './earnings-parameters.js';
import { PARAMETER_FIELDS, formatParameter, parameterLabel } from './earnings-parameter-fields.js';

describe('earnings parameter fields (labels, units and bounds in one place)', () => {
  it('covers every stored field exactly once, with the bounds the API validates with', () => {
    const stored = SECTION_NAMES.flatMap((s) => Object.entries(PARAMETER_BOUNDS[s]));
    expect(PARAMETER_FIELDS.map((f) => f.name).sort()).toEqual(stored.map(([name]) => name).sort());
    for (const [name, bounds] of stored) expect(PARAMETER_FIELDS.find((f) => f.name === name)?.bounds).toEqual(bounds);
  });

  it('shows the defaults as people read them', () => {
    const shown = Object.fromEntries(
      Object.entries(flatView(DEFAULT_PARAMETER_SECTIONS))
        .filter(([k]) => k !== 'referralCutoff')
        .map(([k, v]) => [parameterLabel(k), formatParameter(k, v)]),
    );
    expect(shown).toEqual({
      'Writer share': '50.00%',
      'Qualified read': '30 s',
      'Session cap': '30 min',
      'Read-ratio offset': '×0.60',
      'Read-ratio multiplier, lowest': '×0.50',
      'Read-ratio multiplier, highest': '×1.50',
      'Points per clap': '60 points',
      'Points per highlight': '60 points',
      'Points per reply': '120 points',
      'Points per new follow': '180 points',
      'Follower bonus': '×1.25',
      'Boost bonus': '×2.00',
      'Referral share': '50.00%',
      'Minimum payout': '$10.00',
      'Forfeit after': '180 days',
      'Boost window': '14 days',
      'Run shards': '8',
    });
    expect(parameterLabel('referralCutoff')).toBe('Referral cutoff');
    expect(formatParameter('boostDays', 1)).toBe('1 day');
    expect(formatParameter('readRatioMaxBps', 1_000_000)).toBe('×100.00');
    expect(formatParameter('minPayoutCents', 123456)).toBe('$1,234.56');
  });
});
