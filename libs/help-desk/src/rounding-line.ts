/*
 * The one visible line that makes a shown breakdown add up (dependency-free: the console
 * imports it too). Every amount is shown rounded to the cent on its own (core/money's
 * shownBreakdown); the line carries what the rounding and the causes under a cent
 * (not itemized) leave between the shown parts and the shown whole.
 */

/** "Rounding to the cent", or "3 changes under $0.01 each, not itemized, and rounding to the cent". */
export function roundingLineLabel(notItemized = 0): string {
  if (notItemized === 0) return 'Rounding to the cent';
  const what = notItemized === 1 ? '1 change under $0.01, not itemized,' : `${notItemized} changes under $0.01 each, not itemized,`;
  return `${what} and rounding to the cent`;
}

/** The last line of a long list of causes: the ones not listed, the small ones and the rounding. */
export const OTHER_CHANGES_LABEL = 'Other smaller changes and rounding to the cent';
