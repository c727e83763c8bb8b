import { formatCents, formatDollars, type Micros } from '../../core/src/money/money.js';
import type { Comparison, StatementFigures, StoryFigures } from './earnings-comparison.js';
import { periodBounds } from '../../core/src/period/period.js';
import { ratioBps } from '../../core/src/ratio/ratio-bps.js';
import { duration, percentOfBps, periodName, quoted, utcDay } from './explanation-format.js';

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

function storyLine(title: string, f: StoryFigures): string {
  const parts = [
    `reading time ${formatDollars(f.readingTimeMicros)}`,
    `engagement ${formatDollars(f.engagementMicros)}`,
    `read ratio adjustment ${formatDollars(f.readRatioAdjustmentMicros, { signed: true })}`,
    `follower bonus ${formatDollars(f.followerBonusMicros)}`,
    `Boost bonus ${formatDollars(f.boostBonusMicros)}`,
  ];
  const stats = [
    `${f.memberReads} member ${f.memberReads === 1 ? 'read' : 'reads'}`,
    `${duration(f.memberReadingSeconds)} of member reading`,
    `read ratio ${percentOfBps(ratioBps(f.reads, f.views))} of ${f.views} ${f.views === 1 ? 'view' : 'views'}`,
  ];
  return `- ${quoted(title)}: ${formatDollars(f.earningsMicros)} (${parts.join(', ')}); ${stats.join(', ')}.`;
}

function payoutLines(s: StatementFigures | null, period: string): string[] {
  if (!s) return [`You had no balance for ${periodName(period)}.`];
  const opening = s.openingMicros !== 0n ? ` (including ${formatDollars(s.openingMicros)} carried over from earlier months)` : '';
  if (s.status !== 'payable') return [`Your balance for ${periodName(period)} is ${formatDollars(s.balanceMicros)}${opening}.`];
  const state = s.payoutState === 'transferred' ? ' It has been transferred.' : '';
  const rest = s.carriedMicros > 0n ? ' The fraction of a cent left over stays in your balance.' : '';
  return [`Your balance of ${formatDollars(s.balanceMicros)}${opening} is payable: ${formatCents(s.payoutCents)}.${state}${rest}`];
}

export function writerText(input: WriterTextInput): string {
  const c = input.comparison;
  const name = periodName(input.period);
  const prev = periodName(c.previousPeriod);
  const lines: string[] = [];
  lines.push(
    `Your earnings for ${name}: ${formatDollars(c.earningsMicros)} (stories ${formatDollars(input.storyEarningsMicros)}, ` +
      `legacy referrals ${formatDollars(input.referralMicros)}, adjustments ${formatDollars(input.adjustmentsMicros, { signed: true })}).`,
  );
  if (!input.final) lines.push('These figures come from a payout run that is not approved yet; they may still change.');
  const diff = c.changeMicros < 0n ? -c.changeMicros : c.changeMicros;
  const comparedWith = c.hasPreviousRun ? `${prev} (${formatDollars(c.previousEarningsMicros)})` : `${prev} (no payout run, so $0.00)`;
  if (c.changeMicros === 0n) lines.push(`That is the same as in ${comparedWith}.`);
  else lines.push(`That is ${formatDollars(diff)} ${c.changeMicros < 0n ? 'less' : 'more'} than in ${comparedWith}.`);

  const money = c.causes.filter((x) => x.amountMicros !== 0n);
  if (money.length || c.residualMicros !== 0n) {
    lines.push('', 'What changed, largest first:');
    for (const cause of money.slice(0, WRITER_TEXT_MAX_CAUSES)) lines.push(`- ${sentence(cause.text)}`);
    const others = money.slice(WRITER_TEXT_MAX_CAUSES);
    const otherMicros = others.reduce((a, x) => a + x.amountMicros, 0n) + c.residualMicros;
    if (others.length) lines.push(`- Other smaller changes: ${formatDollars(otherMicros, { signed: true })}.`);
    else if (c.residualText) lines.push(`- ${sentence(c.residualText)}`);
  }

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
