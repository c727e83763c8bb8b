// The ledger's views (issue 17): support follows a ticket to the writer's ledger (entries,
// causes, running balance, CSV); finance opens the integrity page, runs the checks, sees a
// failed check as an alert on the dashboard (an entry tampered with for the moment, then put
// back) and a period's trial balance. Demo state others use is left as it was.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { check, visible } from './kit.mjs';
import { signIn, signOut } from './craft.mjs';
import { walkthroughContext } from './walkthrough-steps.mjs';

export function defineLedgerViewsWalkthroughs({ walkthrough, env }) {
  const { token, ensureFinalRun } = walkthroughContext(env);
  const list = (resource, filter, sort, range = [0, 9]) => env.api.list(resource, { filter, sort, range });

  /**
   * A ledger to look at. In the full run earlier walkthroughs have approved the demo's runs; run
   * alone (BROWSER_ONLY), nothing is approved yet, and this approves the earlier demo period
   * (as those walkthroughs would: started by finance, approved by the other finance person).
   */
  async function ensureLedger() {
    const finance = await token('finance');
    if ((await env.api.get(list('trial-balances', {}, ['period', 'DESC']), finance)).length > 0) return;
    await ensureFinalRun(env.periods.earlier);
  }

  walkthrough("ledgerviews: support opens a writer's ledger from a ticket; finance checks the ledger's integrity", async (t) => {
    const { page } = t;
    await ensureLedger();
    const support = await token('support');
    // a ticket whose writer has ledger entries
    const tickets = await env.api.get(list('tickets', {}, ['id', 'ASC'], [0, 199]), support);
    let ticket;
    let entries;
    for (const x of tickets) {
      entries = await env.api.get(list('author-ledger-entries', { authorId: x.memberId }, ['id', 'DESC'], [0, 999]), support);
      if (entries.length >= 2) {
        ticket = x;
        break;
      }
    }
    check(ticket, 'the demo has a ticket from a writer with ledger entries');
    const summary = await env.api.get(`author-ledgers/${encodeURIComponent(ticket.memberId)}`, support);
    check(summary.matchesStatements, `the ledger of ${ticket.memberId} agrees with the statements`);

    await signIn(t, 'support');
    await page.goto(`${t.base}/#/tickets/${ticket.id}/show`);
    await visible(page.getByTestId('ticket-subject'), `ticket ${ticket.id}`);
    await page.getByTestId('ticket-author-ledger').click();
    await visible(page.getByTestId('author-ledger-summary'), `the ledger of ${ticket.memberId}`);
    check(
      page.url().includes(`author-ledger?author=${encodeURIComponent(ticket.memberId)}`),
      `the ledger page of the writer (${page.url()})`,
    );
    const rows = page.getByTestId('author-ledger-entries').locator('tbody tr');
    await visible(rows.first(), 'the ledger entries');
    check((await rows.count()) === Math.min(entries.length, 25), `one row per entry (${await rows.count()} of ${entries.length})`);
    await visible(rows.first().getByText(entries[0].cause, { exact: true }), `the newest entry's cause (${entries[0].cause})`);
    // the newest row's running balance is the writer's balance in the ledger
    const shownBalance = (await page.getByTestId('ledger-balance').textContent()).trim();
    const lastCell = (await rows.first().locator('td').last().textContent()).trim();
    check(lastCell === shownBalance, `the newest running balance ${lastCell} is the balance owed ${shownBalance}`);
    await t.shot('author-ledger');
    // the CSV: one row per entry, money in dollars and in µ$
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split('\r\n');
    check(lines[0].includes('Balance after (USD)') && lines[0].includes('Balance after (µ$)'), `the CSV's header: ${lines[0]}`);
    check(lines.length === entries.length + 1, `the CSV has one row per entry (${lines.length - 1} of ${entries.length})`);
    check(
      lines.some((l) => l.includes(String(entries[0].balanceMicros))),
      'the CSV gives the running balance in µ$',
    );
    t.noApiErrors(['/explanation']); // the ticket page's explanation of a ticket without a period is not this walkthrough's
    await signOut(t);

    // finance: the integrity page, "run checks now", then a failed check on the dashboard
    await signIn(t, 'finance');
    await page.goto(`${t.base}/#/ledger-integrity`);
    await page.getByTestId('run-checks-now').click();
    await visible(page.getByTestId('integrity-status').getByText(/Every check held/), 'every check held on the demo ledger');
    for (const c of ['balanced_groups', 'author_balances', 'run_pools', 'paid_twice', 'payout_file_totals', 'rebuild'])
      await visible(page.getByTestId(`check-${c}`).getByText('pass', { exact: true }), `check ${c} passes`);
    await t.shot('integrity-ok');

    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    const finance = await token('approver');
    let entry;
    try {
      ({
        rows: [entry],
      } = await db.query(
        `SELECT id::text, amount_micros::text AS amount FROM ledger_entries WHERE kind = 'allocation' ORDER BY id LIMIT 1`,
      ));
      await db.query(`SET session_replication_role = replica`);
      await db.query(`UPDATE ledger_entries SET amount_micros = amount_micros + 1 WHERE id = $1`, [entry.id]);
      const failed = await env.api.call('POST', 'ledger-integrity-runs', { token: finance });
      check(failed.status === 201 && failed.json.ok === false, `the checks fail on the tampered entry (${failed.status})`);
    } finally {
      if (entry) await db.query(`UPDATE ledger_entries SET amount_micros = $2 WHERE id = $1`, [entry.id, entry.amount]);
      await db.end();
    }
    await page.goto(`${t.base}/#/`);
    const alert = page.getByTestId('integrity-alert');
    await visible(alert, 'the failed check as an alert on the dashboard');
    await visible(alert.getByText('Every transaction group balances'), 'the alert names the failed check');
    await visible(alert.getByText(entry.id, { exact: false }).first(), `the alert names entry ${entry.id}`);
    await t.shot('dashboard-alert');
    await alert.getByRole('link', { name: 'open the integrity page' }).click();
    await visible(page.getByTestId('check-balanced_groups').getByText('fail', { exact: true }), 'the failed check on the integrity page');
    await page.getByTestId('run-checks-now').click();
    await visible(page.getByTestId('integrity-status').getByText(/Every check held/), 'the checks hold again once the entry is back');
    await page.goto(`${t.base}/#/`);
    await visible(page.getByTestId('dashboard-heading'), 'the dashboard');
    check((await page.getByTestId('integrity-alert').count()) === 0, 'no alert once the latest run passed');

    // the trial balance of the latest period with entries
    const periods = await env.api.get(list('trial-balances', {}, ['period', 'DESC']), finance);
    check(periods.length > 0, 'the demo has periods in the ledger');
    await page.goto(`${t.base}/#/trial-balances/${periods[0].period}/show`);
    await visible(page.getByTestId('trial-balance-status').getByText(/^Balanced/), `the trial balance of ${periods[0].period} balances`);
    await t.shot('trial-balance');
    const trial = await env.api.get(`trial-balances/${periods[0].period}`, finance);
    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trial-balance-export').click()]);
    const csvLines = readFileSync(await csvFile.path(), 'utf8')
      .trim()
      .split('\r\n');
    check(csvLines[0].includes('Debits (USD)') && csvLines[0].includes('Debits (µ$)'), `the trial balance CSV's header: ${csvLines[0]}`);
    check(
      csvLines.length === trial.accounts.length + 2,
      `one row per account and a total (${csvLines.length - 2} of ${trial.accounts.length})`,
    );
    check(
      csvLines.at(-1).startsWith('Total,') && csvLines.at(-1).includes(String(trial.totals.debitsMicros)),
      `the total row gives the debits in µ$: ${csvLines.at(-1)}`,
    );
    t.noApiErrors(['/explanation']);
  });
}
