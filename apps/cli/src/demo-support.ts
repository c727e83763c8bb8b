import { formatCents, formatDollars } from '../../../libs/core/src/money/money.js';
import { DEMO_SAVED_REPLIES } from '../../../libs/intake/src/demo-data/saved-replies.js';
import { ticketBody, ticketSubjects } from '../../../libs/intake/src/demo-data/ticket-texts.js';
import type { DemoApi } from './demo-api.js';

interface Statement {
  authorId: string;
  authorName: string;
  status: string;
  payoutState: string | null;
  payoutCents: string;
  storyEarningsMicros: string;
  referralEarningsMicros: string;
  adjustmentsMicros: string;
}
interface Ticket {
  id: string;
  category: string;
  createdAt: string;
}
interface StoryEarning {
  storyId: string;
  storyTitle?: string;
  earningsMicros: string | number;
}

/** Earnings as the help desk counts them: stories + referrals + adjustments. */
const earnings = (s: Statement) => BigInt(s.storyEarningsMicros) + BigInt(s.referralEarningsMicros) + BigInt(s.adjustmentsMicros);

/** One saved reply per ticket category (support creates them through the api), so "Fill for this ticket" always has one. */
export async function seedSavedReplies(api: DemoApi, support: string): Promise<void> {
  for (const reply of DEMO_SAVED_REPLIES) {
    const r = await api.call('/api/saved-replies', support, reply);
    if (r.status !== 201 && r.status !== 200 && r.status !== 409)
      throw new Error(`saved reply "${reply.title}" failed (${r.status}): ${JSON.stringify(r.json)}`);
  }
}

/**
 * The earnings tickets, rewritten from the computed runs: a drop ticket comes from a writer
 * whose earnings really fell from one month to the next, and quotes both amounts and the
 * story that fell most; a payout ticket from a writer whose payout is approved and not yet
 * sent, with its amount. Sent through the intake api as the reading platform would (same ids:
 * the tickets are updated, nothing else is).
 */
export async function rewriteEarningsTickets(
  api: DemoApi,
  opts: { period: string; previous: string; intakeKey: string; finance: string; support: string },
): Promise<number> {
  const [now, before] = await Promise.all(
    [opts.period, opts.previous].map((p) => api.list<Statement>('statements', { period: p }, opts.finance)),
  );
  const previousOf = new Map(before.map((s) => [s.authorId, s]));
  const drops = now
    .map((s) => ({ s, was: previousOf.get(s.authorId) }))
    .filter((d): d is { s: Statement; was: Statement } => d.was !== undefined && earnings(d.s) < earnings(d.was))
    .sort(
      (a, b) => Number(earnings(b.was) - earnings(b.s) - (earnings(a.was) - earnings(a.s))) || a.s.authorId.localeCompare(b.s.authorId),
    );
  const unpaid = now
    .filter((s) => s.status === 'payable' && s.payoutState === 'pending')
    .sort((a, b) => a.authorId.localeCompare(b.authorId));
  const tickets = (await api.list<Ticket>('tickets', {}, opts.support)).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const records: Record<string, unknown>[] = [];
  for (const t of tickets) {
    if (t.category === 'earnings_drop' && drops.length) {
      const { s, was } = drops.shift()!;
      const stories = async (period: string) =>
        new Map(
          (await api.list<StoryEarning>('story-earnings', { authorId: s.authorId, period }, opts.finance)).map((e) => [e.storyId, e]),
        );
      const [cur, prev] = await Promise.all([stories(opts.period), stories(opts.previous)]);
      const fell = [...prev.values()].sort((a, b) =>
        Number(
          BigInt(b.earningsMicros) -
            BigInt(cur.get(b.storyId)?.earningsMicros ?? 0) -
            (BigInt(a.earningsMicros) - BigInt(cur.get(a.storyId)?.earningsMicros ?? 0)),
        ),
      )[0];
      const facts = {
        name: s.authorName,
        period: opts.period,
        earnings: { previousPeriod: opts.previous, before: formatDollars(earnings(was)), after: formatDollars(earnings(s)) },
        storyTitle: fell?.storyTitle,
      };
      records.push({
        ...base(t, s.authorId, opts.period, fell?.storyId ?? null),
        subject: ticketSubjects('earnings_drop', opts.period)[0],
        body: ticketBody('earnings_drop', facts),
      });
    } else if (t.category === 'missing_payout' && unpaid.length) {
      const s = unpaid.shift()!;
      const facts = { name: s.authorName, period: opts.period, payout: formatCents(BigInt(s.payoutCents)) };
      records.push({
        ...base(t, s.authorId, opts.period, null),
        subject: ticketSubjects('missing_payout', opts.period)[0],
        body: ticketBody('missing_payout', facts),
      });
    }
  }
  if (records.length === 0) return 0;
  const sent = await api.call('/api/intake/tickets', null, records, { 'x-api-key': opts.intakeKey });
  if (sent.status !== 200) throw new Error(`rewriting the demo tickets failed (${sent.status}): ${JSON.stringify(sent.json)}`);
  return records.length;
}

const base = (t: Ticket, memberId: string, period: string, storyId: string | null) => ({
  id: t.id,
  memberId,
  category: t.category,
  storyId,
  period,
  createdAt: t.createdAt,
});
