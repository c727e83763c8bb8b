import { formatCents, formatDollars, shownBreakdown, shownDifferenceCents, type Micros } from '../../core/src/money/money.js';
import type { Comparison, StatementFigures, StoryFigures } from './earnings-comparison.js';
import { periodBounds } from '../../core/src/period/period.js';
import { duration, percentOf, periodName, quoted, utcDay } from './explanation-format.js';
import { OTHER_CHANGES_LABEL, roundingLineLabel } from './rounding-line.js';

/**
 * The earnings explanation as plain sentences a support agent pastes into a reply (and the
 * reading site shows): amounts in dollars, dates as UTC days. Built only from the
 * explanation's writer-safe figures: no internal notes, no adjustment reasons, no ids of
 * other members.
 */
export interface WriterTextInput {
  period: string;
  /** The run was approved or paid (else it is a draft that may still change). */
  final: boolean;
  comparison: Comparison;
  storyEarningsMicros: Micros;
  referralMicros: Micros;
  adjustmentsMicros: Micros;
  /** The period's stories, in the order to show them (largest earnings first). */
  stories: { title: string; figures: StoryFigures }[];
  statement: StatementFigures | null;
}

/** How many causes and stories are itemized; the rest are summed in one sentence. */
export const WRITER_TEXT_MAX_CAUSES = 8;
export const WRITER_TEXT_MAX_STORIES = 10;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string) => (/[.!?]$/.test(s) ? capital(s) : `${capital(s)}.`);

/** ", rounding to the cent +$0.01" when the shown parts do not add up to the shown whole by themselves. */
const roundingPart = (cents: bigint) =>
  cents === 0n ? '' : `, ${roundingLineLabel().toLowerCase()} ${formatCents(cents, { signed: true })}`;

function storyLine(title: string, f: StoryFigures): string {
  const shown = shownBreakdown(
    [f.readingTimeMicros, f.engagementMicros, f.readRatioAdjustmentMicros, f.followerBonusMicros, f.boostBonusMicros],
    f.earningsMicros,
  );
  const parts = [
    `reading time ${formatDollars(f.readingTimeMicros)}`,
    `engagement ${formatDollars(f.engagementMicros)}`,
    `read ratio adjustment ${formatDollars(f.readRatioAdjustmentMicros, { signed: true })}`,
    `follower bonus ${formatDollars(f.followerBonusMicros)}`,
    `Boost bonus ${formatDollars(f.boostBonusMicros)}${roundingPart(shown.roundingCents)}`,
  ];
  const stats = [
    `${f.memberReads} member ${f.memberReads === 1 ? 'read' : 'reads'}`,
    `${duration(f.memberReadingSeconds)} of member reading`,
    `read ratio ${percentOf(f.reads, f.views)} of ${f.views} ${f.views === 1 ? 'view' : 'views'}`,
  ];
  return `- ${quoted(title)}: ${formatDollars(f.earningsMicros)} (${parts.join(', ')}); ${stats.join(', ')}.`;
}

function payoutLines(s: StatementFigures | null, period: string): string[] {
  if (!s) return [`You had no balance for ${periodName(period)}.`];
  const released = s.releasedMicros ? `, of which ${formatDollars(s.releasedMicros)} released from review hold` : '';
  const opening =
    s.openingMicros !== 0n ? ` (including ${formatDollars(s.openingMicros)} carried over from earlier months${released})` : '';
  if (s.status !== 'payable') return [`Your balance for ${periodName(period)} is ${formatDollars(s.balanceMicros)}${opening}.`];
  const state = s.payoutState === 'transferred' ? ' It has been transferred.' : '';
  const rest = s.carriedMicros > 0n ? ' The fraction of a cent left over stays in your balance.' : '';
  return [`Your balance of ${formatDollars(s.balanceMicros)}${opening} is payable: ${formatCents(s.payoutCents)}.${state}${rest}`];
}

/**
 * The ranked causes (at most WRITER_TEXT_MAX_CAUSES), then one line with the rest: the causes
 * not listed, the ones under a cent and the rounding, so that the shown amounts add up to the
 * shown change exactly.
 */
function causeLines(c: Comparison, changeCents: bigint): string[] {
  const money = c.causes.filter((x) => x.amountMicros !== 0n);
  const listed = money.slice(0, WRITER_TEXT_MAX_CAUSES);
  const shown = shownBreakdown(
    listed.map((x) => x.amountMicros),
    c.changeMicros,
    { wholeCents: changeCents },
  );
  const others = money.length > listed.length;
  if (!listed.length && shown.roundingCents === 0n) return [];
  const lines = ['', 'What changed, largest first:', ...listed.map((cause) => `- ${sentence(cause.text)}`)];
  if (others || shown.roundingCents !== 0n) {
    const label = others ? OTHER_CHANGES_LABEL : roundingLineLabel(c.notItemized);
    lines.push(`- ${label}: ${formatCents(shown.roundingCents, { signed: true })}.`);
  }
  return lines;
}

export function writerText(input: WriterTextInput): string {
  const c = input.comparison;
  const name = periodName(input.period);
  const prev = periodName(c.previousPeriod);
  const lines: string[] = [];
  const earnings = shownBreakdown([input.storyEarningsMicros, input.referralMicros, input.adjustmentsMicros], c.earningsMicros);
  lines.push(
    `Your earnings for ${name}: ${formatDollars(c.earningsMicros)} (stories ${formatDollars(input.storyEarningsMicros)}, ` +
      `legacy referrals ${formatDollars(input.referralMicros)}, adjustments ${formatDollars(input.adjustmentsMicros, { signed: true })}` +
      `${roundingPart(earnings.roundingCents)}).`,
  );
  if (!input.final) lines.push('These figures come from a payout run that is not approved yet; they may still change.');
  // The change as shown: the difference of the two amounts printed (each rounded to the cent).
  const changeCents = shownDifferenceCents(c.earningsMicros, c.previousEarningsMicros);
  const comparedWith = c.hasPreviousRun ? `${prev} (${formatDollars(c.previousEarningsMicros)})` : `${prev} (no payout run, so $0.00)`;
  if (changeCents === 0n) lines.push(`That is the same as in ${comparedWith}.`);
  else
    lines.push(
      `That is ${formatCents(changeCents < 0n ? -changeCents : changeCents)} ${changeCents < 0n ? 'less' : 'more'} than in ${comparedWith}.`,
    );
  lines.push(...causeLines(c, changeCents));

  if (input.stories.length) {
    lines.push('', `Your stories in ${name}:`);
    for (const s of input.stories.slice(0, WRITER_TEXT_MAX_STORIES)) lines.push(storyLine(s.title, s.figures));
    const more = input.stories.slice(WRITER_TEXT_MAX_STORIES);
    if (more.length) {
      const total = more.reduce((a, s) => a + s.figures.earningsMicros, 0n);
      lines.push(`- ${more.length} more ${more.length === 1 ? 'story' : 'stories'}: ${formatDollars(total)} in total.`);
    }
  }

  lines.push('', ...payoutLines(input.statement, input.period));
  for (const note of c.causes.filter((x) => x.amountMicros === 0n)) lines.push(sentence(note.text));

  const { start, end } = periodBounds(input.period);
  lines.push(
    '',
    `Earnings are counted by UTC day: ${name} runs from ${utcDay(start, input.period, false)} 00:00 UTC to ${utcDay(end, input.period, false)} 00:00 UTC, and all dates above are UTC days.`,
  );
  return lines.join('\n');
}
