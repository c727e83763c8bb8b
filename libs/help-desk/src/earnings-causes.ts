import { absMicros, apportion, formatCents, formatDollars, scaleMicros, sum, type Micros } from '../../core/src/money/money.js';
import { periodBounds } from '../../core/src/period/period.js';
import {
  COMPONENTS,
  type Cause,
  type CauseKind,
  type Component,
  type ComparisonInput,
  type PeriodFigures,
  type StoryFigures,
  byteOrder,
} from './comparison-figures.js';
import { changeWords, duration, multiplier, percentOf, periodName, quoted, utcDay } from './explanation-format.js';

const PART: Record<Component, keyof StoryFigures> = {
  readingTime: 'readingTimeMicros',
  engagement: 'engagementMicros',
  readRatioAdjustment: 'readRatioAdjustmentMicros',
  followerBonus: 'followerBonusMicros',
  boostBonus: 'boostBonusMicros',
};

function driverChanged(k: Component, before: StoryFigures, now: StoryFigures): boolean {
  switch (k) {
    case 'readingTime':
      return before.memberReadingSeconds !== now.memberReadingSeconds || before.memberReads !== now.memberReads;
    case 'engagement':
      return (
        before.clappers !== now.clappers ||
        before.highlighters !== now.highlighters ||
        before.repliers !== now.repliers ||
        before.newFollows !== now.newFollows
      );
    case 'readRatioAdjustment':
      return before.readRatioAdjustmentBps !== now.readRatioAdjustmentBps;
    case 'followerBonus':
      return before.followerReaders !== now.followerReaders;
    case 'boostBonus':
      return before.boostedReaders !== now.boostedReaders;
  }
}

const money = (amount: Micros) => formatDollars(amount, { signed: true });

/** Finds the causes of one comparison (method: earnings-comparison.ts). */
export class Explainer {
  readonly causes: Cause[] = [];
  private poolMicros = 0n;
  private readonly prevName: string;
  private readonly window: { start: Date; end: Date };

  constructor(private readonly input: ComparisonInput) {
    this.prevName = periodName(input.previous.period);
    this.window = { start: periodBounds(input.previous.period).start, end: periodBounds(input.current.period).end };
  }

  private title(storyId: string) {
    return quoted(this.input.stories[storyId]?.title ?? storyId);
  }

  private day(at: Date) {
    return utcDay(at, this.input.current.period);
  }

  private add(kind: CauseKind, text: string, amountMicros: Micros, storyId?: string) {
    this.causes.push({ kind, ...(storyId === undefined ? {} : { storyId }), text, amountMicros });
  }

  /** The ratio pool₁·members₀ / (pool₀·members₁) when the pool per member changed, else null. */
  private poolRatio(): { num: bigint; den: bigint } | null {
    const a = this.input.previous.run;
    const b = this.input.current.run;
    if (!a || !b || !a.poolMicros || !b.poolMicros || !a.memberCount || !b.memberCount) return null;
    if (a.poolMicros <= 0n || b.poolMicros <= 0n) return null;
    const num = b.poolMicros * BigInt(a.memberCount);
    const den = a.poolMicros * BigInt(b.memberCount);
    return num === den ? null : { num, den };
  }

  explain(): void {
    const before = new Map(this.input.previous.stories.map((s) => [s.storyId, s]));
    const now = new Map(this.input.current.stories.map((s) => [s.storyId, s]));
    const ids = [...new Set([...before.keys(), ...now.keys()])].sort(byteOrder);
    const ratio = this.poolRatio();
    for (const id of ids) {
      const b = before.get(id);
      const n = now.get(id);
      const eb = b?.earningsMicros ?? 0n;
      const en = n?.earningsMicros ?? 0n;
      if (eb === 0n && en === 0n) continue;
      if (eb === 0n) this.newStory(id, en);
      else if (en === 0n) this.storyStopped(id, eb);
      else this.continuing(id, b!, n!, ratio);
    }
    this.excludedReading();
    if (this.poolMicros !== 0n) {
      const ppm = (r: NonNullable<PeriodFigures['run']>) => scaleMicros(r.poolMicros!, 1n, BigInt(r.memberCount!));
      const p0 = ppm(this.input.previous.run!);
      const p1 = ppm(this.input.current.run!);
      this.add(
        'pool_per_member',
        `the pool per paying member ${p1 < p0 ? 'fell' : 'rose'} from ${formatDollars(p0)} to ${formatDollars(p1)}: ${money(this.poolMicros)}`,
        this.poolMicros,
      );
    }
    this.referrals();
    this.adjustments();
  }

  private newStory(id: string, amount: Micros) {
    const info = this.input.stories[id];
    const { start, end } = periodBounds(this.input.current.period);
    const published = info?.publishedAt && info.publishedAt >= start && info.publishedAt < end;
    const text = published
      ? `new story ${this.title(id)} (published ${this.day(info!.publishedAt!)}): ${money(amount)}`
      : `${this.title(id)} earned this month after earning nothing in ${this.prevName}: ${money(amount)}`;
    this.add('new_story', text, amount, id);
  }

  private storyStopped(id: string, before: Micros) {
    const info = this.input.stories[id];
    const why =
      info?.status === 'deleted'
        ? 'it was deleted'
        : info && !info.membersOnly
          ? 'it is no longer behind the members-only paywall'
          : info?.status === 'draft'
            ? 'it was unpublished'
            : this.enrollmentEndedIn(this.input.current.period)
              ? 'your Partner Program enrollment ended'
              : `no member read it for ${this.input.qualifiedReadSeconds ?? 30} seconds or more`;
    this.add(
      'story_stopped',
      `${this.title(id)} earned nothing this month (${formatDollars(before)} in ${this.prevName}): ${why}: ${money(-before)}`,
      -before,
      id,
    );
  }

  private continuing(id: string, b: StoryFigures, n: StoryFigures, ratio: { num: bigint; den: bigint } | null) {
    const scaled = Object.fromEntries(
      COMPONENTS.map((k) => {
        const c = b[PART[k]] as bigint;
        return [k, ratio ? scaleMicros(c, ratio.num, ratio.den) : c];
      }),
    ) as Record<Component, bigint>;
    this.poolMicros += sum(COMPONENTS.map((k) => scaled[k] - (b[PART[k]] as bigint)));
    const d = Object.fromEntries(COMPONENTS.map((k) => [k, (n[PART[k]] as bigint) - scaled[k]])) as Record<Component, bigint>;
    const changed = COMPONENTS.filter((k) => driverChanged(k, b, n));
    const knock = sum(COMPONENTS.filter((k) => !changed.includes(k)).map((k) => d[k]));
    if (changed.length === 0) {
      if (knock !== 0n) {
        this.add(
          'reader_share',
          `${this.title(id)} received a ${knock < 0n ? 'smaller' : 'larger'} share of its readers' membership fees with the same reading (they read ${knock < 0n ? 'more' : 'less'} elsewhere, or their fees changed): ${money(knock)}`,
          knock,
          id,
        );
      }
      return;
    }
    const shares = apportion(
      knock,
      changed.map((k) => absMicros(d[k])),
    );
    changed.forEach((k, i) => this.driver(k, id, b, n, d[k] + shares[i]!));
  }

  private driver(k: Component, id: string, b: StoryFigures, n: StoryFigures, amount: Micros) {
    const t = this.title(id);
    switch (k) {
      case 'readingTime': {
        const words = changeWords(b.memberReadingSeconds, n.memberReadingSeconds);
        const detail =
          b.memberReadingSeconds === n.memberReadingSeconds
            ? `member reads of ${t} went from ${b.memberReads} to ${n.memberReads}`
            : `member reading time on ${t} ${words} (${duration(b.memberReadingSeconds)} → ${duration(n.memberReadingSeconds)})`;
        return this.add('reading_time', `${detail}: ${money(amount)}`, amount, id);
      }
      case 'engagement': {
        const parts = (
          [
            ['clappers', 'clappers'],
            ['highlighters', 'highlighters'],
            ['repliers', 'repliers'],
            ['newFollows', 'new follows'],
          ] as const
        )
          .filter(([f]) => b[f] !== n[f])
          .map(([f, label]) => `${label} ${b[f]} → ${n[f]}`);
        const more = b.clappers + b.highlighters + b.repliers + b.newFollows < n.clappers + n.highlighters + n.repliers + n.newFollows;
        return this.add('engagement', `${more ? 'more' : 'less'} engagement on ${t} (${parts.join(', ')}): ${money(amount)}`, amount, id);
      }
      case 'readRatioAdjustment': {
        const verb = n.readRatioAdjustmentBps < b.readRatioAdjustmentBps ? 'fell' : 'rose';
        return this.add(
          'read_ratio',
          `read ratio of ${t} ${verb} from ${percentOf(b.reads, b.views)} to ${percentOf(n.reads, n.views)} (multiplier ${multiplier(b.readRatioAdjustmentBps)} → ${multiplier(n.readRatioAdjustmentBps)}): ${money(amount)}`,
          amount,
          id,
        );
      }
      case 'followerBonus': {
        const fewer = n.followerReaders < b.followerReaders;
        return this.add(
          'follower_reads',
          `${fewer ? 'fewer' : 'more'} reads from your followers on ${t} (follower readers ${b.followerReaders} → ${n.followerReaders}): ${money(amount)}`,
          amount,
          id,
        );
      }
      case 'boostBonus':
        return this.boost(id, b, n, amount);
    }
  }

  private boost(id: string, b: StoryFigures, n: StoryFigures, amount: Micros) {
    const t = this.title(id);
    const inWindow = (at: Date) => at >= this.window.start && at < this.window.end;
    const windows = this.input.boosts.filter((w) => w.storyId === id);
    const readers = `boosted readers ${b.boostedReaders} → ${n.boostedReaders}`;
    if (n.boostedReaders < b.boostedReaders) {
      const ended = windows.filter((w) => inWindow(w.endsAt)).sort((x, y) => y.endsAt.getTime() - x.endsAt.getTime())[0];
      if (ended)
        return this.add('boost_ended', `Boost on ${t} ended on ${this.day(ended.endsAt)} (${readers}): ${money(amount)}`, amount, id);
      return this.add('boosted_readers', `fewer boosted readers on ${t} (${readers}): ${money(amount)}`, amount, id);
    }
    const started = windows.filter((w) => inWindow(w.startsAt)).sort((x, y) => y.startsAt.getTime() - x.startsAt.getTime())[0];
    if (started)
      return this.add('boost_started', `Boost on ${t} started on ${this.day(started.startsAt)} (${readers}): ${money(amount)}`, amount, id);
    return this.add('boosted_readers', `more boosted readers on ${t} (${readers}): ${money(amount)}`, amount, id);
  }

  /**
   * Reading excluded after review: the story's change holds −X (what the excluded reading
   * would have earned it), so the story's other causes get +X back (apportioned by their
   * size) and the exclusion is its own cause: the causes still sum to the change exactly.
   */
  private excludedReading() {
    for (const x of this.input.current.excludedReading ?? []) {
      if (x.amountMicros === 0n) continue;
      const own = this.causes.filter((c) => c.storyId === x.storyId);
      if (own.length === 0) {
        this.add(
          'reader_share',
          `${this.title(x.storyId)} earned from reading that still counts, before the exclusion below: ${money(x.amountMicros)}`,
          x.amountMicros,
          x.storyId,
        );
      } else {
        const shares = apportion(
          x.amountMicros,
          own.map((c) => absMicros(c.amountMicros)),
        );
        own.forEach((c, i) => {
          c.amountMicros += shares[i]!;
          c.text = `${c.text.slice(0, c.text.lastIndexOf(': '))}: ${money(c.amountMicros)}`;
        });
      }
      const readers = x.members === 1 ? '1 member' : `${x.members} members`;
      this.add(
        'reading_excluded',
        `reading of ${this.title(x.storyId)} by ${readers} excluded after review (it did not count toward your earnings): ${money(-x.amountMicros)}`,
        -x.amountMicros,
        x.storyId,
      );
    }
  }

  private referrals() {
    const { current: c, previous: p } = this.input;
    const delta = c.referralMicros - p.referralMicros;
    if (delta === 0n) return;
    const reversal =
      c.referralReversalMicros && c.referralReversalMicros < 0n
        ? ` (including ${formatDollars(c.referralReversalMicros)} taken back for refunded membership charges)`
        : '';
    this.add(
      'referrals',
      `legacy referral earnings ${delta < 0n ? 'fell' : 'rose'} from ${formatDollars(p.referralMicros)} to ${formatDollars(c.referralMicros)}${reversal}: ${money(delta)}`,
      delta,
    );
  }

  private adjustments() {
    const { current: c, previous: p } = this.input;
    const delta = c.adjustmentsMicros - p.adjustmentsMicros;
    if (delta === 0n) return;
    this.add(
      'adjustments',
      `manual adjustments by the Partner Program team: ${formatDollars(c.adjustmentsMicros)} this month, ${formatDollars(p.adjustmentsMicros)} in ${this.prevName}: ${money(delta)}`,
      delta,
    );
  }

  private enrollmentEndedIn(period: string): Date | null {
    const { start, end } = periodBounds(period);
    const open = this.input.enrollments.some((e) => e.leftAt === null || e.leftAt >= end);
    if (open) return null;
    const ended = this.input.enrollments
      .map((e) => e.leftAt!)
      .filter((at) => at >= start && at < end)
      .sort((x, y) => y.getTime() - x.getTime());
    return ended[0] ?? null;
  }

  /** Zero-amount notes, in a fixed order. */
  notes(): Cause[] {
    const out: Cause[] = [];
    const note = (kind: CauseKind, text: string) => out.push({ kind, text, amountMicros: 0n });
    const { current: c, previous: p } = this.input;
    if (!p.run) note('no_previous_run', `There was no computed payout run for ${this.prevName}, so this compares with $0.00.`);
    const ended = this.enrollmentEndedIn(c.period) ?? this.enrollmentEndedIn(p.period);
    if (ended)
      note('enrollment_ended', `Your Partner Program enrollment ended on ${this.day(ended)}; members' reading after that does not earn.`);
    const s = c.statement;
    if (!s) return out;
    const min = formatCents(this.input.minPayoutCents);
    if (s.status === 'below_threshold' && s.carriedMicros > 0n) {
      note(
        'carried_over',
        `Your balance of ${formatDollars(s.balanceMicros)} is below the ${min} minimum payout, so it carries over to next month.`,
      );
    } else if (s.status === 'payout_account_not_ready') {
      const a = this.input.payoutAccount;
      const why = !a
        ? 'you have no payout account yet'
        : a.status !== 'verified'
          ? `your payout account is not verified (status: ${a.status})`
          : a.taxStatus !== 'verified'
            ? 'your tax information is missing'
            : 'your payout account was not ready when the payout was computed';
      note(
        'payout_account_not_ready',
        `Your balance of ${formatDollars(s.balanceMicros)} was not paid because ${why}; it carries over until that is fixed.`,
      );
    } else if (s.status === 'forfeited') {
      note(
        'forfeited',
        `Your balance of ${formatDollars(s.forfeitedMicros)} was forfeited: your Partner Program enrollment ended ${this.input.forfeitAfterDays} days or more before the end of the month.`,
      );
    }
    if (s.payoutState === 'failed' || s.payoutState === 'reversed') {
      note(
        'payout_problem',
        `The transfer of ${formatCents(s.payoutCents)} ${s.payoutState === 'failed' ? 'failed' : 'was reversed'}; the amount returns to your balance in a later month.`,
      );
    } else if (s.payoutState === 'on_hold') {
      note('payout_problem', `Your payout of ${formatCents(s.payoutCents)} is on hold.`);
    }
    if (s.releasedMicros)
      note(
        'released_from_hold',
        `Your opening balance includes ${formatDollars(s.releasedMicros)} released from review hold: an earlier payout held during a review, paid with this month's balance.`,
      );
    return out;
  }
}
