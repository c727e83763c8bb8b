import { describe, expect, it } from '@jest/globals';
import { evaluateNominations, storyBoostProblems, type NominationCandidate, type RuleInput } from './nomination-rules.js';

const HOUR = 3_600_000_000n;
const MARCH = BigInt(Date.UTC(2026, 2, 1)) * 1000n;

const candidate = (id: string, atMicros: bigint, over: Partial<NominationCandidate> = {}): RuleInput => ({
  kind: 'candidate',
  id,
  nominatorKey: 1,
  storyKey: Number(id.replace(/\D/g, '')) || 0,
  atMicros,
  monthStartMicros: MARCH,
  storyExists: true,
  storyPublished: true,
  storyRecent: true,
  samePublication: true,
  aiDisclosed: false,
  storyBoosted: false,
  storyNominated: false,
  ...over,
});

describe('nomination rules (the ordered pass)', () => {
  it('checks the limits before the story, and the story rules in a fixed order', () => {
    const counted: RuleInput[] = [1n, 2n, 3n, 4n, 5n].map((h) => ({ kind: 'counted', nominatorKey: 1, atMicros: MARCH + h * HOUR }));
    const verdicts = evaluateNominations([...counted, candidate('n1', MARCH + 6n * HOUR, { aiDisclosed: true, storyPublished: false })]);
    expect(verdicts).toEqual([{ id: 'n1', status: 'refused', refusalReason: 'nominator_weekly_limit' }]);
    expect(
      evaluateNominations([candidate('n2', MARCH, { aiDisclosed: true, storyPublished: false, storyRecent: false })])[0].refusalReason,
    ).toBe('story_not_published');
    expect(evaluateNominations([candidate('n3', MARCH, { storyBoosted: true, storyNominated: true })])[0].refusalReason).toBe(
      'already_boosted',
    );
  });

  it('other nominators do not count toward a nominator’s limits', () => {
    const others: RuleInput[] = [1n, 2n, 3n, 4n, 5n, 6n].map((h) => ({ kind: 'counted', nominatorKey: 2, atMicros: MARCH + h * HOUR }));
    expect(evaluateNominations([...others, candidate('n4', MARCH + 7n * HOUR)])[0].status).toBe('pending');
  });

  it('a curator’s boost of an unnominated story applies the age and nomination rules; of a nomination only what can change', () => {
    const facts = { published: true, recent: false, aiDisclosed: false, boosted: false, nominated: true };
    expect(storyBoostProblems(facts, false)).toEqual(['story_too_old', 'already_nominated']);
    expect(storyBoostProblems(facts, true)).toEqual([]);
    expect(storyBoostProblems({ ...facts, published: false, aiDisclosed: true, boosted: true }, true)).toEqual([
      'story_not_published',
      'ai_disclosed',
      'already_boosted',
    ]);
  });
});
