import type { RefusalReason } from './nomination.entity.js';

/*
 * The acceptance rules for nominations (domain.md, "Boost curation"), as interpreted here:
 * - story at most 6 months old: `published_at >= nominated_at - interval '6 months'` (calendar
 *   months, PostgreSQL interval arithmetic; exactly 6 months old is accepted). A story without
 *   `published_at` is not published.
 * - published: status `published` (unlisted, deleted and draft are refused).
 * - in the nominator's publication: the story's publication is the nomination's publication
 *   (there is no editor table, so the nominator is taken to be that publication's editor).
 * - not already nominated, boosted or reviewed: no boost window of the story ever exists, and no
 *   other nomination of it is pending, boosted or declined (refused ones do not count).
 * - not AI-disclosed.
 * - nominator limits: count the nominator's nominations that are earlier in (nominated_at, id)
 *   order, whatever their status, except those refused for a nominator limit; refused when 5 or
 *   more fall in [nominated_at - 7 days, nominated_at] (the 5th is accepted, the 6th refused) or
 *   20 or more in the same UTC calendar month (the 20th accepted, the 21st refused).
 * The limits are checked first, then the story rules; the first failing rule is the reason.
 */

/** What the rules need about one nomination being evaluated; the story facts come from SQL. */
export interface NominationCandidate {
  id: string;
  nominatorKey: number;
  storyKey: number;
  /** Microseconds since the epoch, exact (from SQL). */
  atMicros: bigint;
  /** Start of the UTC calendar month of nominated_at, microseconds since the epoch. */
  monthStartMicros: bigint;
  storyExists: boolean;
  storyPublished: boolean;
  /** published_at >= nominated_at - 6 months */
  storyRecent: boolean;
  samePublication: boolean;
  aiDisclosed: boolean;
  /** A boost window of the story exists, or another nomination of it was boosted. */
  storyBoosted: boolean;
  /** Another nomination of the story (outside this batch) is pending or declined. */
  storyNominated: boolean;
}

/** An already evaluated nomination of the same nominator that counts toward the limits. */
export interface CountedNomination {
  kind: 'counted';
  nominatorKey: number;
  atMicros: bigint;
}

export type RuleInput = (NominationCandidate & { kind: 'candidate' }) | CountedNomination;

export interface Verdict {
  id: string;
  status: 'pending' | 'refused';
  refusalReason: RefusalReason | null;
}

export const WEEKLY_LIMIT = 5;
export const MONTHLY_LIMIT = 20;
/** The weekly limit's window, in days; SQL that loads history for it uses `WEEKLY_WINDOW_SQL`. */
export const WEEKLY_WINDOW_DAYS = 7;
const WEEK_MICROS = BigInt(WEEKLY_WINDOW_DAYS) * 24n * 3600n * 1_000_000n;
export const WEEKLY_WINDOW_SQL = `interval '${WEEKLY_WINDOW_DAYS} days'`;
/** The monthly limit's window starts at the UTC calendar month of `at` (SQL). */
export const monthlyWindowStartSql = (at: string) => `date_trunc('month', ${at}, 'UTC')`;

/**
 * Evaluates the candidates of one batch. `inputs` is every candidate and every counted
 * earlier nomination of the same nominators, in (nominated_at, id) order: each verdict may
 * depend on the verdicts before it (limits, and a story accepted earlier in the batch).
 */
export function evaluateNominations(inputs: RuleInput[]): Verdict[] {
  const counted = new Map<number, bigint[]>(); // nominator → counted nomination times, ascending
  const acceptedStories = new Set<number>();
  const verdicts: Verdict[] = [];
  const count = (nominator: number, at: bigint) => {
    const times = counted.get(nominator) ?? [];
    times.push(at);
    counted.set(nominator, times);
  };

  for (const input of inputs) {
    if (input.kind === 'counted') {
      count(input.nominatorKey, input.atMicros);
      continue;
    }
    const earlier = counted.get(input.nominatorKey) ?? [];
    const weekFrom = input.atMicros - WEEK_MICROS;
    const inWeek = earlier.filter((t) => t >= weekFrom && t <= input.atMicros).length;
    const inMonth = earlier.filter((t) => t >= input.monthStartMicros && t <= input.atMicros).length;

    let reason: RefusalReason | null = null;
    if (inWeek >= WEEKLY_LIMIT) reason = 'nominator_weekly_limit';
    else if (inMonth >= MONTHLY_LIMIT) reason = 'nominator_monthly_limit';
    else if (!input.storyExists) reason = 'unknown_story';
    else if (!input.storyPublished) reason = 'story_not_published';
    else if (!input.storyRecent) reason = 'story_too_old';
    else if (!input.samePublication) reason = 'wrong_publication';
    else if (input.aiDisclosed) reason = 'ai_disclosed';
    else if (input.storyBoosted) reason = 'already_boosted';
    else if (input.storyNominated || acceptedStories.has(input.storyKey)) reason = 'already_nominated';

    if (reason !== 'nominator_weekly_limit' && reason !== 'nominator_monthly_limit') count(input.nominatorKey, input.atMicros);
    if (reason === null) acceptedStories.add(input.storyKey);
    verdicts.push({ id: input.id, status: reason ? 'refused' : 'pending', refusalReason: reason });
  }
  return verdicts;
}

/** The story rules at now, for a curator's boost (`facts` from StoriesRepository.facts). */
export interface StoryRuleFacts {
  published: boolean;
  recent: boolean;
  aiDisclosed: boolean;
  boosted: boolean;
  nominated: boolean;
}

/**
 * The rules a story breaks for a boost, in order of precedence. A story nobody nominated is
 * held to the nomination story rules at now (there is no publication to match). When a
 * curator boosts a pending nomination, only what can have changed since it was accepted and
 * still matters is checked again: published, not AI-disclosed, not boosted in the meantime.
 */
export function storyBoostProblems(facts: StoryRuleFacts, forNomination: boolean): RefusalReason[] {
  const problems: RefusalReason[] = [];
  if (!facts.published) problems.push('story_not_published');
  if (!forNomination && !facts.recent) problems.push('story_too_old');
  if (facts.aiDisclosed) problems.push('ai_disclosed');
  if (facts.boosted) problems.push('already_boosted');
  if (!forNomination && facts.nominated) problems.push('already_nominated');
  return problems;
}

export const RULE_MESSAGES: Record<RefusalReason, string> = {
  nominator_weekly_limit: `the nominator already made ${WEEKLY_LIMIT} nominations in the last 7 days`,
  nominator_monthly_limit: `the nominator already made ${MONTHLY_LIMIT} nominations this calendar month`,
  unknown_story: 'the story is unknown',
  story_not_published: 'the story is not published (draft, unlisted or deleted)',
  story_too_old: 'the story was published more than 6 months ago',
  wrong_publication: "the story is not in the nominator's publication",
  ai_disclosed: 'the story is disclosed as AI-generated',
  already_boosted: 'the story has already been boosted',
  already_nominated: 'the story has already been nominated or reviewed',
};
