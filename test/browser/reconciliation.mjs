// Reconciliation with the processor (issue 17, acceptance 5): finance uploads a settlement file
// for an approved run, reviews the preview (counts per class, each line), applies it through the
// step-up dialog, and sees the same file again change nothing; then records one payout's failure
// in the mark-paid table. Runs last: it settles a run the earlier walkthroughs approved (or
// approves one itself when run alone).
import pg from 'pg';
import { STAFF, STAFF_PASSWORD, codeFor, until } from './environment.mjs';
import { check, hidden, visible } from './kit.mjs';
import { signIn } from './craft.mjs';

const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);
const OUTCOME = { paid: 'transferred', failed: 'failed', returned: 'reversed' };

/** Ends the step-up window of the browser's session, so the next money action asks for a code. */
async function expireStepUp(env, page) {
  const token = await page.evaluate(() => localStorage.getItem('ppc.token'));
  const { sid } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  const c = new pg.Client({ connectionString: env.databaseUrl });
  await c.connect();
  try {
    await c.query(`UPDATE staff_sessions SET second_factor_at = now() - interval '1 hour' WHERE id = $1`, [sid]);
  } finally {
    await c.end();
  }
}

const dollars = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export function defineReconciliationWalkthroughs({ walkthrough, env }) {
  walkthrough(
    'reconciliation: finance uploads a settlement file, reviews the preview, applies it through the step-up; the same file again changes nothing; mark paid as a table',
    async (t) => {
      const { page } = t;
      const { PAYOUT_TRANSITIONS } = await dist('libs/payouts/src/payout-rules.js');
      const { formatCount } = await dist('libs/core/src/format/numbers.js');
      const finance = await env.api.login(STAFF.finance.email, STAFF_PASSWORD);
      const approver = await env.api.login(STAFF.approver.email, STAFF_PASSWORD);
      const list = (resource, filter, sort, range) => env.api.get(env.api.list(resource, { filter, sort, range }), finance);

      // An approved run (the earlier walkthroughs leave one), else a paid one, else one approved here.
      let [run] = await list('payout-runs', { status: 'approved' }, ['period', 'DESC'], [0, 0]);
      [run] = run ? [run] : await list('payout-runs', { status: 'paid' }, ['period', 'DESC'], [0, 0]);
      if (!run) {
        const period = env.periods.earlier;
        const started = await env.api.call('POST', 'payout-runs', { token: finance, body: { period } });
        check(started.status === 202, `computing ${period}: ${started.status} ${JSON.stringify(started.json)}`);
        const computed = await until(
          `the ${period} run computed`,
          async () => {
            const [r] = await list('payout-runs', { period }, undefined, [0, 0]);
            return r?.status === 'computed' ? r : null;
          },
          180_000,
          250,
        );
        const approved = await env.api.call('POST', `payout-runs/${computed.id}/approve`, { token: approver, body: {} });
        check(approved.status === 200, `approving ${period}: ${approved.status} ${JSON.stringify(approved.json)}`);
        run = approved.json;
      }
      const payouts = (await list('statements', { runId: run.id, status: 'payable' }, ['authorId', 'DESC'], [0, 99])).filter((s) =>
        ['pending', 'transferred'].includes(s.payoutState),
      );
      check(payouts.length >= 5, `the ${run.period} run has payouts to settle (got ${payouts.length})`);
      const [p0, p1, p2, p3] = payouts;
      const lines = [
        { ref: p0.id, status: 'paid', cents: Number(p0.payoutCents), code: '', payout: p0 },
        { ref: p1.authorId, status: 'failed', cents: Number(p1.payoutCents), code: 'account_closed', payout: p1 },
        { ref: p2.id, status: 'returned', cents: Number(p2.payoutCents), code: 'no_account', payout: p2 },
        { ref: 'unknown-payout-ref', status: 'paid', cents: 1000, code: '', payout: null },
        { ref: p3.id, status: 'paid', cents: Number(p3.payoutCents) + 1, code: '', payout: null }, // a cent off
      ];
      const classOf = (l) => {
        if (!l.payout) return l.ref === p3.id ? 'amount_mismatch' : 'unknown_reference';
        const to = OUTCOME[l.status];
        if (l.payout.payoutState === to) return 'already_applied';
        return PAYOUT_TRANSITIONS[l.payout.payoutState].includes(to) ? 'matched' : 'transition_not_allowed';
      };
      const expected = {};
      for (const l of lines) expected[classOf(l)] = (expected[classOf(l)] ?? 0) + 1;
      const csv = `reference,status,amount,date,failure_code\n${lines.map((l) => `${l.ref},${l.status},${dollars(l.cents)},2026-12-01,${l.code}`).join('\n')}\n`;
      const upload = (content, name = `settlement-${run.period}.csv`) =>
        page.getByTestId('settlement-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });

      // 1. The preview: counts per class and each line, nothing applied yet.
      await signIn(t, 'finance');
      await page.goto(`${t.base}/#/payout-runs/${run.id}/show`);
      await page.getByRole('tab', { name: 'Settlement' }).click();
      await visible(page.getByRole('button', { name: 'Choose settlement file' }), 'the settlement tab');
      await upload(csv);
      await visible(page.getByTestId('settlement-counts'), 'the counts of the preview');
      for (const cls of ['matched', 'already_applied', 'amount_mismatch', 'unknown_reference', 'duplicate', 'transition_not_allowed']) {
        const shown = (await page.getByTestId(`count-${cls}`).locator('td').nth(1).textContent()).trim();
        check(shown === formatCount(expected[cls] ?? 0), `${cls}: ${shown} lines shown, ${expected[cls] ?? 0} expected`);
      }
      for (const [i, l] of lines.entries()) {
        const cls = await page
          .getByTestId(`line-${i + 2}`)
          .locator('[data-class]')
          .getAttribute('data-class');
        check(cls === classOf(l), `line ${i + 2}: ${cls}, expected ${classOf(l)}`);
      }
      await visible(page.getByTestId('line-3').getByText('Your bank account was closed', { exact: false }), 'what to tell the writer');
      await t.shot('preview');
      const before = await env.api.get(`statements/${p1.id}`, finance);
      check(before.payoutState === p1.payoutState, 'the preview changed nothing');

      // 2. Apply, confirming the counts and amounts, through the step-up dialog.
      await page.getByRole('button', { name: 'Apply the settlement' }).click();
      const confirmation = await visible(page.getByTestId('settlement-confirmation'), 'the confirmation');
      if (classOf(lines[1]) === 'matched')
        await visible(confirmation.getByText(/payouts? becomes? failed/), 'the failed payouts in the confirmation');
      await t.shot('confirm');
      await expireStepUp(env, page);
      await page.getByRole('dialog').getByRole('button', { name: 'Apply', exact: true }).click();
      const stepUp = await visible(page.getByRole('dialog').filter({ hasText: 'Confirm with your authenticator' }), 'the step-up dialog');
      await stepUp.locator('input[name="step-up-code"]').fill(await codeFor(STAFF.finance.email));
      await stepUp.getByRole('button', { name: 'Confirm' }).click();
      await visible(page.getByTestId('settlement-applied'), 'the settlement applied');
      await visible(page.getByTestId('settlement-files'), 'the applied file listed');
      await t.shot('applied');
      const moved = lines.filter((l) => classOf(l) === 'matched');
      for (const l of moved) {
        const s = await env.api.get(`statements/${l.payout.id}`, finance);
        check(s.payoutState === OUTCOME[l.status], `${l.payout.authorId} is ${s.payoutState}, expected ${OUTCOME[l.status]}`);
        check(s.payoutFailureCode === (l.code || null), `${l.payout.authorId}'s failure code is ${s.payoutFailureCode}`);
      }

      // 3. The same file again: named as applied, nothing to apply.
      await upload(csv);
      await visible(page.getByTestId('settlement-already-applied'), 'the file named as applied before');
      check(await page.getByRole('button', { name: 'Apply the settlement' }).isDisabled(), 'the same file cannot be applied again');
      const files = await env.api.get(`payout-runs/${run.id}/settlements`, finance);
      check(files.length === 1 && files[0].appliedCount === moved.length, `one file stored, ${moved.length} payouts moved`);
      await t.shot('already-applied');
      await page.getByTestId('settlement-files').getByRole('button', { name: 'Lines' }).first().click();
      const stored = await visible(page.getByTestId('settlement-file-lines'), 'the applied file’s lines');
      check((await stored.locator('tbody tr').count()) === lines.length, `the applied file keeps its ${lines.length} lines`);
      await t.shot('applied-file-lines');
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await hidden(stored, 'the lines closed');

      // 4. A bad file is refused, naming its line and column.
      await upload('reference,status,amount,date\nx1,paid,12.3.4,2026-12-01\n', 'bad.csv');
      await visible(page.getByTestId('settlement-problems').getByText('Line 2, column amount', { exact: false }), 'the bad line named');
      await t.shot('bad-file');

      // 5. Mark paid as a table: one payout fails, with its failure code.
      const table = (await list('statements', { runId: run.id, status: 'payable' }, ['authorId', 'ASC'], [0, 24])).filter(
        (s) => ['pending', 'transferred'].includes(s.payoutState) && ![p0, p1, p2, p3].some((p) => p.id === s.id),
      );
      check(table.length > 0, 'a payout on the first page of the table to record');
      const row = page.getByTestId(`payout-${table[0].authorId}`);
      await page.getByRole('button', { name: /^(Mark paid|Record payout changes)$/ }).click();
      await visible(row, `${table[0].authorId} in the mark-paid table`);
      await row.getByRole('combobox', { name: 'New state' }).click();
      await page.getByRole('option', { name: 'failed', exact: true }).click();
      const confirm = page.getByRole('dialog').getByRole('button', { name: /^(Mark paid|Record)$/ });
      check(await confirm.isDisabled(), 'a failure needs its failure code');
      await row.getByRole('combobox', { name: 'Failure code' }).click();
      await page.getByRole('option', { name: 'invalid account number', exact: true }).click();
      await row.getByLabel('Note').fill('IBAN mistyped (browser test)');
      await t.shot('mark-paid-table');
      await confirm.click();
      await hidden(page.getByTestId('mark-paid-table'), 'the table closed');
      const failed = await env.api.get(`statements/${table[0].id}`, finance);
      check(
        failed.payoutState === 'failed' && failed.payoutFailureCode === 'invalid_account_number',
        `${table[0].authorId} failed with invalid_account_number (got ${failed.payoutState}, ${failed.payoutFailureCode})`,
      );
      const paid = await env.api.get(`payout-runs/${run.id}`, finance);
      check(paid.status === 'paid', `the run is paid (got ${paid.status})`);
      await page.getByRole('tab', { name: 'Summary' }).click();
      await visible(page.getByTestId('run-status').getByText('paid', { exact: true }), 'the run paid');
      await t.shot('marked-paid');
      // The statement says why, and what to tell the writer.
      await page.goto(`${t.base}/#/statements/${table[0].id}/show`);
      await visible(
        page.getByTestId('payout-failure').getByText('Your bank account number is not valid', { exact: false }),
        'the failure on the statement',
      );
      await t.shot('statement-failure');
      t.noApiErrors(['403 POST /api/payout-runs', '400 POST /api/payout-runs']);
    },
  );
}
