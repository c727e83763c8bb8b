// Month-to-date estimates (issue 19): a reader's session of today and this month's charge
// arrive through intake, finance refreshes the estimates (the worker aggregates the marked
// days), and support opens the writer's ticket and reads the month-to-date estimate with its
// date in the writer context. Adds one session and one charge to the demo's open month.
import pg from 'pg';
import { STAFF, STAFF_PASSWORD, until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { signIn } from './walkthrough-steps.mjs';
import { formatDollars } from '../../dist/libs/core/src/money/money.js';

const INTAKE_KEY = 'browser-test-intake-key-0123456789';

export function defineEstimatesWalkthroughs({ walkthrough, env }) {
  const tokens = {};
  const token = async (who) => (tokens[who] ??= await env.api.login(STAFF[who].email, STAFF_PASSWORD));
  const intake = async (kind, records) => {
    const res = await fetch(`${env.base}/api/intake/${kind}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': INTAKE_KEY },
      body: JSON.stringify(records),
    });
    const body = await res.json();
    check(res.status === 200 && body.rejected === 0, `intake ${kind}: ${res.status} ${JSON.stringify(body)}`);
  };

  /** An unresolved ticket whose writer has a members-only story, is enrolled now, and a paying reader who is not them. */
  async function ticketWithReader() {
    const support = await token('support');
    const tickets = await env.api.get(
      env.api.list('tickets', { filter: { status: ['open', 'pending'] }, sort: ['id', 'ASC'], range: [0, 199] }),
      support,
    );
    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      for (const ticket of tickets) {
        const { rows } = await db.query(
          `SELECT st.id AS story, rd.id AS reader FROM stories st JOIN members au ON au.key = st.author_key
           JOIN enrollments e ON e.member_key = au.key AND e.enrolled_at <= now() AND (e.left_at IS NULL OR e.left_at > now())
           JOIN memberships ms ON ms.started_at <= now() - interval '1 hour' AND (ms.ended_at IS NULL OR ms.ended_at > now())
           JOIN members rd ON rd.key = ms.member_key AND rd.key <> au.key AND NOT rd.earnings_excluded
           WHERE au.id = $1 AND st.members_only ORDER BY st.id, rd.id LIMIT 1`,
          [ticket.memberId],
        );
        if (rows.length) return { ticket, ...rows[0] };
      }
    } finally {
      await db.end();
    }
    return null;
  }

  walkthrough("estimates: support reads the writer's month-to-date estimate, with its date, from a ticket", async (t) => {
    const { page } = t;
    const found = await ticketWithReader();
    check(found, 'the demo has an unresolved ticket from an enrolled writer with a members-only story and a paying reader');
    const { ticket, story, reader } = found;
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const stamp = Date.now();
    await intake('sessions', [
      {
        id: `browser-estimate-${stamp}`,
        storyId: story,
        readerId: reader,
        startedAt: new Date(stamp - 60_000).toISOString(),
        activeSeconds: 600,
        mode: 'read',
      },
    ]);
    await intake('charges', [
      {
        id: `browser-estimate-charge-${stamp}`,
        memberId: reader,
        plan: 'monthly',
        coversFrom: month,
        chargedAt: new Date(stamp - 120_000).toISOString(),
        grossCents: 550,
        feeCents: 50,
        netCents: 500,
        status: 'paid',
      },
    ]);
    const finance = await token('finance');
    const refreshed = await env.api.call('POST', 'estimates/refresh', { token: finance });
    check(refreshed.status === 202 && refreshed.json.days.includes(today), `refresh queued today: ${JSON.stringify(refreshed.json)}`);
    const support = await token('support');
    const estimate = await until(
      `the estimate of ${ticket.memberId} as of ${today}`,
      async () => {
        const e = await env.api.get(`estimates/authors/${encodeURIComponent(ticket.memberId)}`, support);
        return e.asOf === today && BigInt(e.storyEarningsMicros) > 0n ? e : null;
      },
      120_000,
      250,
    );
    check(estimate.period === month, `the estimate is of the open month ${month}: ${estimate.period}`);

    await signIn(t, 'support');
    await page.goto(`${t.base}/#/tickets/${ticket.id}/show`);
    await visible(page.getByTestId('ticket-subject'), `ticket ${ticket.id}`);
    const panel = page.getByTestId('month-estimate');
    await visible(panel.getByText('Earnings this month so far'), 'the month-to-date estimate in the writer context');
    await visible(panel.getByText(`Estimate as of ${today}`, { exact: true }), 'labelled as an estimate with its date');
    const amount = formatDollars(BigInt(estimate.storyEarningsMicros));
    await visible(panel.getByTestId('month-estimate-amount').getByText(amount, { exact: true }), `the estimate ${amount}`);
    await visible(panel.getByRole('link', { name: story }), 'the story read today, with its estimate');
    await t.shot('month-estimate-ticket');
  });
}
