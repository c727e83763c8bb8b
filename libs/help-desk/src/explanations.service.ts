import { Injectable } from '@nestjs/common';
import { badInput, micros, notFound, ruleViolation, sum, toJson, type Micros } from '../../core/src/index.js';
import { DEFAULT_EARNINGS_PARAMETERS } from '../../payouts/src/earnings-parameters.js';
import { isFinalRun, payoutAccountReady } from '../../payouts/src/payout-rules.js';
import {
  compareEarnings,
  type Comparison,
  type PeriodFigures,
  type StatementFigures,
  type StoryFigures,
  type StoryInfo,
} from './earnings-comparison.js';
import { periodBounds, periodProblem, previousPeriod } from '../../core/src/period/period.js';
import { ExplanationsRepository, type MemberRow, type RunRow, type StatementRow, type StoryEarningRow } from './explanations.repository.js';
import { writerText } from './writer-text.js';

/** A value ready for JSON: bigints become integers (decimal strings past 2^53). */
export type Jsonable<T> = T extends bigint
  ? number | string
  : T extends Date
    ? Date
    : T extends (infer U)[]
      ? Jsonable<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonable<T[K]> }
        : T;

export function jsonable<T>(value: T): Jsonable<T> {
  if (typeof value === 'bigint') return toJson(value) as Jsonable<T>;
  if (Array.isArray(value)) return value.map((v) => jsonable(v)) as Jsonable<T>;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonable(v)])) as Jsonable<T>;
  }
  return value as Jsonable<T>;
}

export interface StoryExplanation extends StoryFigures {
  title: string;
  /** false: no row in this period's run (no views), the figures are zero. */
  inRun: boolean;
  previous: Omit<StoryFigures, 'storyId'> | null;
  changeMicros: Micros;
}

export interface RunSummary {
  id: string;
  period: string;
  status: string;
  /** Approved or paid: the figures will not change any more. */
  final: boolean;
  poolMicros: Micros | null;
  memberCount: number | null;
  computedAt: Date | null;
  /** The run's minimum payout parameter. */
  minPayoutCents: number;
}

/** The earnings explanation of one writer and period, for staff (support, finance). */
export interface Explanation {
  author: { id: string; name: string; username: string };
  period: string;
  previousPeriod: string;
  run: RunSummary;
  previousRun: RunSummary | null;
  earningsMicros: Micros;
  statement:
    | (StatementFigures & {
        id: string;
        storyEarningsMicros: Micros;
        referralEarningsMicros: Micros;
        adjustmentsMicros: Micros;
        payoutStateAt: Date | null;
      })
    | null;
  stories: StoryExplanation[];
  enrollment: {
    enrolledAtPeriodEnd: boolean;
    enrolledNow: boolean;
    latest: { id: string; enrolledAt: Date; leftAt: Date | null } | null;
    history: { id: string; enrolledAt: Date; leftAt: Date | null }[];
  };
  payoutAccount: { provider: string; accountRef: string; status: string; taxStatus: string; ready: boolean } | null;
  referralCredits: {
    totalMicros: Micros;
    creditMicros: Micros;
    reversalMicros: Micros;
    items: {
      id: string;
      referralId: string;
      referredMemberId: string | null;
      chargeId: string;
      kind: string;
      amountMicros: Micros;
      reversesPeriod: string | null;
    }[];
  };
  adjustments: { id: string; amountMicros: Micros; reason: string; createdAt: Date }[];
  comparison: Comparison;
  writerText: string;
}

/** What the reading site may show the writer: no staff ids, no adjustment reasons, no other members' ids. */
export interface WriterExplanation {
  authorId: string;
  period: string;
  previousPeriod: string;
  final: boolean;
  earningsMicros: Micros;
  statement: Omit<NonNullable<Explanation['statement']>, 'id' | 'payoutStateAt'> | null;
  stories: StoryExplanation[];
  enrollment: Omit<Explanation['enrollment'], 'latest' | 'history'> & { enrolledAt: Date | null; leftAt: Date | null };
  payoutAccount: { status: string; taxStatus: string; ready: boolean } | null;
  referralCredits: { totalMicros: Micros; creditMicros: Micros; reversalMicros: Micros; count: number };
  comparison: Comparison;
  writerText: string;
}

const figures = (r: StoryEarningRow): StoryFigures => ({
  storyId: r.storyId,
  earningsMicros: micros(r.earningsMicros),
  readingTimeMicros: micros(r.readingTimeMicros),
  engagementMicros: micros(r.engagementMicros),
  readRatioAdjustmentMicros: micros(r.readRatioAdjustmentMicros),
  followerBonusMicros: micros(r.followerBonusMicros),
  boostBonusMicros: micros(r.boostBonusMicros),
  views: r.views,
  reads: r.reads,
  readRatioAdjustmentBps: r.readRatioAdjustmentBps,
  memberReads: r.memberReads,
  memberReadingSeconds: BigInt(r.memberReadingSeconds),
  clappers: r.clappers,
  highlighters: r.highlighters,
  repliers: r.repliers,
  newFollows: r.newFollows,
  followerReaders: r.followerReaders,
  boostedReaders: r.boostedReaders,
});

const zeroFigures = (storyId: string): StoryFigures => ({
  storyId,
  earningsMicros: 0n,
  readingTimeMicros: 0n,
  engagementMicros: 0n,
  readRatioAdjustmentMicros: 0n,
  followerBonusMicros: 0n,
  boostBonusMicros: 0n,
  views: 0,
  reads: 0,
  readRatioAdjustmentBps: 0,
  memberReads: 0,
  memberReadingSeconds: 0n,
  clappers: 0,
  highlighters: 0,
  repliers: 0,
  newFollows: 0,
  followerReaders: 0,
  boostedReaders: 0,
});

const statementFigures = (s: StatementRow): StatementFigures => ({
  status: s.status,
  openingMicros: micros(s.openingMicros),
  balanceMicros: micros(s.balanceMicros),
  carriedMicros: micros(s.carriedMicros),
  forfeitedMicros: micros(s.forfeitedMicros),
  payoutCents: BigInt(s.payoutCents),
  payoutState: s.payoutState,
  releasedMicros: micros(s.releasedMicros),
});

function param(run: RunRow, name: 'minPayoutCents' | 'forfeitAfterDays' | 'qualifiedReadSeconds'): number {
  const v = run.params?.[name];
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : DEFAULT_EARNINGS_PARAMETERS[name];
}

const runSummary = (r: RunRow): RunSummary => ({
  id: r.id,
  period: r.period,
  status: r.status,
  final: isFinalRun(r.status),
  poolMicros: r.poolMicros === null ? null : micros(r.poolMicros),
  memberCount: r.memberCount,
  computedAt: r.computedAt,
  minPayoutCents: param(r, 'minPayoutCents'),
});

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * The earnings explanation (spec/domain.md "Help desk"): the statement, every story's
 * earnings with breakdown and statistics, enrollment, payout account and tax state,
 * referral credits, and the comparison with the previous period (earnings-comparison.ts).
 */
@Injectable()
export class ExplanationsService {
  constructor(private readonly repo: ExplanationsRepository) {}

  /** 400 for a malformed period (naming `field`). */
  static checkPeriod(period: string, field = 'period'): void {
    const problem = periodProblem(period);
    if (problem) throw badInput(`${field} ${problem}`, [{ field, message: problem }]);
  }

  /** The last period with a computed, approved or paid run (422 when there is none). */
  async defaultPeriod(): Promise<string> {
    const period = await this.repo.lastComputedPeriod();
    if (!period) throw ruleViolation('no_computed_run', 'no payout run has been computed yet, so there is no earnings explanation');
    return period;
  }

  async forAuthor(authorId: string, period: string): Promise<Explanation> {
    ExplanationsService.checkPeriod(period);
    const member = await this.repo.member(authorId);
    if (!member) throw notFound('writer', authorId);
    return this.forMember(member, period);
  }

  async forMemberKey(memberKey: number, period: string): Promise<Explanation> {
    const member = await this.repo.memberByKey(memberKey);
    if (!member) throw notFound('writer', String(memberKey));
    return this.forMember(member, period);
  }

  async forMember(member: MemberRow, period: string): Promise<Explanation> {
    const prev = previousPeriod(period);
    const runs = await this.repo.runs([period, prev]);
    const run = runs.get(period);
    if (!run) throw ruleViolation('no_computed_run', `there is no computed payout run for ${period}`, { period });
    const prevRun = runs.get(prev) ?? null;
    const runIds = [run.id, ...(prevRun ? [prevRun.id] : [])];
    const [storyRows, statementRows, enrollments, account, credits, adjustments, excluded] = await Promise.all([
      this.repo.storyEarnings(runIds, member.key),
      this.repo.statements(runIds, member.key),
      this.repo.enrollments(member.key),
      this.repo.payoutAccount(member.key),
      this.repo.referralCredits(member.key, period),
      this.repo.adjustments(member.key, period),
      this.repo.excludedReading(run.id, member.key),
    ]);
    const rowsOf = (runId: string | undefined) => storyRows.filter((r) => r.runId === runId);
    const statementOf = (runId: string | undefined) => statementRows.find((s) => s.runId === runId) ?? null;
    const storyInfo: Record<string, StoryInfo> = {};
    for (const r of [...excluded, ...storyRows])
      storyInfo[r.storyId] = { title: r.title, publishedAt: r.publishedAt, status: r.status, membersOnly: r.membersOnly };
    const bounds = { from: periodBounds(prev).start, to: periodBounds(period).end };
    const boosts = await this.repo.boosts(Object.keys(storyInfo), bounds.from, bounds.to);

    const figuresOf = (p: string, r: RunRow | null): PeriodFigures => {
      const st = statementOf(r?.id);
      const reversal = p === period ? sum(credits.filter((c) => c.kind === 'reversal').map((c) => micros(c.amountMicros))) : 0n;
      return {
        period: p,
        run: r ? { poolMicros: r.poolMicros === null ? null : micros(r.poolMicros), memberCount: r.memberCount } : null,
        stories: rowsOf(r?.id).map(figures),
        referralMicros: st ? micros(st.referralEarningsMicros) : 0n,
        referralReversalMicros: reversal,
        adjustmentsMicros: st ? micros(st.adjustmentsMicros) : 0n,
        statement: st ? statementFigures(st) : null,
        ...(p === period
          ? { excludedReading: excluded.map((x) => ({ storyId: x.storyId, members: x.members, amountMicros: micros(x.amountMicros) })) }
          : {}),
      };
    };
    const current = figuresOf(period, run);
    const previous = figuresOf(prev, prevRun);
    const comparison = compareEarnings({
      current,
      previous,
      stories: storyInfo,
      boosts: boosts.map((b) => ({ storyId: b.storyId, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) })),
      enrollments: enrollments.map((e) => ({ enrolledAt: new Date(e.enrolledAt), leftAt: e.leftAt ? new Date(e.leftAt) : null })),
      payoutAccount: account ? { status: account.status, taxStatus: account.taxStatus } : null,
      minPayoutCents: BigInt(param(run, 'minPayoutCents')),
      forfeitAfterDays: param(run, 'forfeitAfterDays'),
      qualifiedReadSeconds: param(run, 'qualifiedReadSeconds'),
    });

    const before = new Map(previous.stories.map((s) => [s.storyId, s]));
    const now = new Map(current.stories.map((s) => [s.storyId, s]));
    const stories: StoryExplanation[] = [...new Set([...now.keys(), ...before.keys()])].map((id) => {
      const f = now.get(id) ?? zeroFigures(id);
      const p = before.get(id);
      const { storyId: _s, ...prevFigures } = p ?? zeroFigures(id);
      return {
        ...f,
        title: storyInfo[id]!.title,
        inRun: now.has(id),
        previous: p ? prevFigures : null,
        changeMicros: f.earningsMicros - (p?.earningsMicros ?? 0n),
      };
    });
    stories.sort((a, b) =>
      a.earningsMicros !== b.earningsMicros
        ? b.earningsMicros > a.earningsMicros
          ? 1
          : -1
        : (a.previous?.earningsMicros ?? 0n) !== (b.previous?.earningsMicros ?? 0n)
          ? (b.previous?.earningsMicros ?? 0n) > (a.previous?.earningsMicros ?? 0n)
            ? 1
            : -1
          : byteOrder(a.storyId, b.storyId),
    );

    const st = statementOf(run.id);
    const statement = st
      ? {
          id: st.id,
          ...statementFigures(st),
          storyEarningsMicros: micros(st.storyEarningsMicros),
          referralEarningsMicros: micros(st.referralEarningsMicros),
          adjustmentsMicros: micros(st.adjustmentsMicros),
          payoutStateAt: st.payoutStateAt,
        }
      : null;
    const end = periodBounds(period).end;
    const nowAt = new Date();
    const history = enrollments.map((e) => ({ id: e.id, enrolledAt: e.enrolledAt, leftAt: e.leftAt }));
    const storyEarningsMicros = sum(current.stories.map((s) => s.earningsMicros));

    return {
      author: { id: member.id, name: member.name, username: member.username },
      period,
      previousPeriod: prev,
      run: runSummary(run),
      previousRun: prevRun ? runSummary(prevRun) : null,
      earningsMicros: comparison.earningsMicros,
      statement,
      stories,
      enrollment: {
        enrolledAtPeriodEnd: enrollments.some((e) => new Date(e.enrolledAt) < end && (e.leftAt === null || new Date(e.leftAt) >= end)),
        enrolledNow: enrollments.some((e) => new Date(e.enrolledAt) <= nowAt && (e.leftAt === null || new Date(e.leftAt) > nowAt)),
        latest: history[history.length - 1] ?? null,
        history,
      },
      payoutAccount: account ? { ...account, ready: payoutAccountReady(account) } : null,
      referralCredits: {
        totalMicros: sum(credits.map((c) => micros(c.amountMicros))),
        creditMicros: sum(credits.filter((c) => c.kind === 'credit').map((c) => micros(c.amountMicros))),
        reversalMicros: current.referralReversalMicros ?? 0n,
        items: credits.map((c) => ({ ...c, amountMicros: micros(c.amountMicros) })),
      },
      adjustments: adjustments.map((a) => ({ id: a.id, amountMicros: micros(a.amountMicros), reason: a.reason, createdAt: a.createdAt })),
      comparison,
      writerText: writerText({
        period,
        final: runSummary(run).final,
        comparison,
        storyEarningsMicros,
        referralMicros: current.referralMicros,
        adjustmentsMicros: current.adjustmentsMicros,
        stories: stories.filter((s) => s.inRun && s.earningsMicros > 0n).map((s) => ({ title: s.title, figures: s })),
        statement: current.statement,
      }),
    };
  }

  /** The writer-facing part (the reading site's view). */
  static writerView(e: Explanation): WriterExplanation {
    const { id: _id, payoutStateAt: _at, ...statement } = e.statement ?? ({} as NonNullable<Explanation['statement']>);
    return {
      authorId: e.author.id,
      period: e.period,
      previousPeriod: e.previousPeriod,
      final: e.run.final,
      earningsMicros: e.earningsMicros,
      statement: e.statement ? statement : null,
      stories: e.stories,
      enrollment: {
        enrolledAtPeriodEnd: e.enrollment.enrolledAtPeriodEnd,
        enrolledNow: e.enrollment.enrolledNow,
        enrolledAt: e.enrollment.latest?.enrolledAt ?? null,
        leftAt: e.enrollment.latest?.leftAt ?? null,
      },
      payoutAccount: e.payoutAccount
        ? { status: e.payoutAccount.status, taxStatus: e.payoutAccount.taxStatus, ready: e.payoutAccount.ready }
        : null,
      referralCredits: {
        totalMicros: e.referralCredits.totalMicros,
        creditMicros: e.referralCredits.creditMicros,
        reversalMicros: e.referralCredits.reversalMicros,
        count: e.referralCredits.items.length,
      },
      comparison: e.comparison,
      writerText: e.writerText,
    };
  }
}
