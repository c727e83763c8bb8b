/** The integrity queue's values (libs/integrity/src/integrity-rules.ts). */
export const CASE_STATUSES = ['open', 'cleared', 'dismissed', 'excluded', 'held', 'suspended'] as const;
export const CASE_KINDS = ['author', 'ring'] as const;
export const SIGNALS = ['ring', 'farm', 'concentration'] as const;

export interface IntegrityCase {
  id: string;
  period: string;
  caseKey: string;
  kind: string;
  status: string;
  score: number;
  authorId: string;
  authorName: string;
  signals: string[];
  memberCount: number;
  sessionCount: number;
  timePoints: string;
  moneyAtStakeMicros: string | null;
  claimedBy: string | null;
  claimedByEmail: string | null;
  claimedUntil: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface Flag {
  id: string;
  signal: string;
  score: number;
  evidence: Record<string, unknown> & { histogram?: { fromSeconds: number; sessions: number }[] };
}

export interface CaseDetail extends IntegrityCase {
  flags: Flag[];
  pairs: { memberId: string; storyId: string; sessions: number; timePoints: string }[];
  history: { id: string; at: string; kind: string; body: string | null; actorEmail: string | null; data: Record<string, unknown> | null }[];
}
