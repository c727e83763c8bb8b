// The first screen and the reviewer, curator and finance walkthroughs (in this order: each changes the demo state).
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAFF, STAFF_PASSWORD, previousMonth, until } from './environment.mjs';
import { check, hidden, visible } from './kit.mjs';
import { alertWith, dialog, dist, enterCode, first, menu, rowWithCell, signIn } from './walkthrough-steps.mjs';

export function defineRoleWalkthroughs({ walkthrough, env, outDir, perf, token, periods, ensureRun }) {
  walkthrough('first screen loads in under 2 s (production build served by the api)', async (t) => {
    const { page } = t;
    const jsBytes = [];
    page.on('response', async (r) => {
      if (r.url().endsWith('.js')) jsBytes.push((await r.body().catch(() => Buffer.alloc(0))).length);
    });
    const t0 = Date.now();
    await page.goto(`${t.base}/#/login`);
    await visible(page.locator('input[name="username"]'), 'the sign-in form');
    const loginMs = Date.now() - t0;
    await page.locator('input[name="username"]').fill(STAFF.finance.email);
    await page.locator('input[name="password"]').fill(STAFF_PASSWORD);
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await enterCode(page, STAFF.finance.email);
    await visible(page.getByTestId('dashboard-heading'), 'the dashboard');
    await visible(page.getByTestId('tile-run').getByText(/\d{4}-\d{2}|No run yet/), 'the current run on the dashboard');
    await visible(page.getByTestId('tile-approvals').getByTestId('count'), 'the approval count');
    const dashboardMs = Date.now() - t1;
    await t.shot('dashboard');
    // A returning user: the session is stored; a cold page load straight to the dashboard.
    const cold = await t.context.newPage();
    const t2 = Date.now();
    await cold.goto(`${t.base}/#/`);
    await visible(cold.getByTestId('dashboard-heading'), 'the dashboard (stored session)');
    await visible(cold.getByTestId('tile-run').getByText(/\d{4}-\d{2}|No run yet/), 'the current run (stored session)');
    const reloadMs = Date.now() - t2;
    await cold.close();
    const js = jsBytes.reduce((a, b) => a + b, 0);
    Object.assign(perf, { loginFormMs: loginMs, signInToDashboardMs: dashboardMs, storedSessionDashboardMs: reloadMs, jsLoadedBytes: js });
    writeFileSync(join(outDir, 'performance.json'), JSON.stringify(perf, null, 2));
    console.log(
      `    sign-in form ${loginMs} ms; sign-in → dashboard ${dashboardMs} ms; stored session → dashboard ${reloadMs} ms; JS ${Math.round(js / 1024)} KiB`,
    );
    check(loginMs < 2000, `the sign-in form took ${loginMs} ms`);
    check(dashboardMs < 2000, `sign-in → dashboard took ${dashboardMs} ms`);
    check(reloadMs < 2000, `the dashboard took ${reloadMs} ms with a stored session`);
    t.noApiErrors();
  });

  walkthrough('reviewer approves an application (and rejects one with a reason)', async (t) => {
    const { page } = t;
    const reviewer = await token('reviewer');
    const eligible = await first(env, reviewer, 'applications', { status: 'pending', eligible: true }, ['submittedAt', 'ASC']);
    const failing = await first(env, reviewer, 'applications', { status: 'pending', eligible: false }, ['submittedAt', 'ASC']);
    check(eligible && failing, 'the demo data has a passing and a failing pending application');
    const pendingTotal = (
      await env.api.call('GET', env.api.list('applications', { filter: { status: 'pending' }, range: [0, 0] }), { token: reviewer })
    ).headers
      .get('content-range')
      .split('/')[1];

    await signIn(t, 'reviewer');
    await visible(
      page.getByTestId('tile-applications').getByTestId('count').getByText(`${pendingTotal}`, { exact: true }),
      `${pendingTotal} pending applications on the dashboard`,
    );
    check((await menu(page, 'Statements').count()) === 0, 'a reviewer has no Statements menu');
    await t.shot('dashboard');

    await menu(page, 'Applications').click();
    await visible(page.locator('tbody tr'), 'the application queue');
    await t.shot('queue');
    // Search the queue for the passing application and open it.
    await page.locator('input[name="q"]').fill(eligible.id);
    await visible(rowWithCell(page, eligible.id), `application ${eligible.id} in the queue`);
    await rowWithCell(page, eligible.id).click();
    for (const check_ of ['member', 'recentStory', 'country', 'age']) {
      await visible(page.getByTestId(`check-card-${check_}`).getByText('pass', { exact: true }), `the ${check_} check passing`);
    }
    // Dates are UTC with the zone shown (the browser runs in Los Angeles time).
    const { formatUtc } = { formatUtc: (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` };
    await visible(
      page.getByTestId('application-facts').getByText(formatUtc(eligible.submittedAt)),
      `submitted at ${formatUtc(eligible.submittedAt)}`,
    );
    await t.shot('application');
    await page.getByRole('button', { name: 'Approve (A)', exact: true }).click();
    await dialog(page).getByRole('button', { name: 'Approve (Enter)', exact: true }).click();
    await visible(alertWith(page, 'approved'), 'the approval notice');
    // The queue moves on to the next application: come back to this one by its permalink.
    await page.goto(`${t.base}/#/applications/${encodeURIComponent(eligible.id)}/show`);
    await visible(page.getByTestId('application-facts').getByText('approved', { exact: true }), 'the approved status');
    await t.shot('approved');
    const after = await env.api.get(`applications/${eligible.id}`, reviewer);
    check(
      after.status === 'approved' && after.enrollmentId,
      `the API has ${eligible.id} approved with an enrollment (got ${after.status})`,
    );

    // The new partner's page with its status history.
    await page.getByRole('link', { name: after.enrollmentId }).click();
    await visible(
      page.getByTestId('status-history').getByText(`application ${eligible.id} approved`),
      'the status history of the new partner',
    );
    await t.shot('partner');

    // A failing application: approve is disabled; reject with a reason and a note.
    await page.goto(`${t.base}/#/applications/${encodeURIComponent(failing.id)}/show`);
    await visible(
      page.getByTestId(`check-card-${failing.failingChecks[0]}`).getByText('fail', { exact: true }),
      `the failing ${failing.failingChecks[0]} check`,
    );
    check(
      await page.getByRole('button', { name: 'Approve (A)', exact: true }).isDisabled(),
      'Approve is disabled for a failing application',
    );
    await page.getByRole('button', { name: 'Reject (R)', exact: true }).click();
    await dialog(page).getByLabel('Note to the record').fill('Fails the Partner Program requirements (browser test).');
    await t.shot('reject-dialog');
    await dialog(page).getByRole('button', { name: 'Reject', exact: true }).click();
    await visible(alertWith(page, 'rejected'), 'the rejection notice');
    const rejected = await env.api.get(`applications/${failing.id}`, reviewer);
    check(
      rejected.status === 'rejected' && rejected.rejectReason,
      `the API has ${failing.id} rejected with a reason (got ${rejected.status})`,
    );
    t.noApiErrors();
  });

  walkthrough('curator boosts a nomination (and declines one)', async (t) => {
    const { page } = t;
    const curator = await token('curator');
    const oldest = await first(env, curator, 'nominations', { status: 'pending' }, ['nominatedAt', 'ASC']);
    check(oldest, 'the demo data has a pending nomination');
    await signIn(t, 'curator');
    await t.shot('dashboard');
    await menu(page, 'Nomination queue').click();
    const firstRow = page.locator('tbody tr').first();
    await visible(firstRow.getByText(oldest.storyTitle), `the oldest nomination (“${oldest.storyTitle}”) first in the queue`);
    await t.shot('queue');
    await firstRow.click();
    await page.getByRole('button', { name: 'Boost (A)', exact: true }).click();
    await dialog(page).getByLabel('Note (optional)').fill('Strong personal essay (browser test).');
    await dialog(page).getByRole('button', { name: 'Boost (Enter)', exact: true }).click();
    await visible(alertWith(page, 'Boosted'), 'the boost notice');
    await menu(page, 'Nomination queue').click();
    await hidden(
      page.locator('tbody tr').filter({ hasText: oldest.storyTitle }).filter({ hasText: oldest.nominatorName }),
      'the boosted nomination in the pending queue',
    );
    const boosted = await env.api.get(`nominations/${encodeURIComponent(oldest.id)}`, curator);
    check(boosted.status === 'boosted' && boosted.boostId, `the API has ${oldest.id} boosted (got ${boosted.status})`);
    await t.shot('after-boost');

    // Decline the next one under a guideline.
    const next = await first(env, curator, 'nominations', { status: 'pending' }, ['nominatedAt', 'ASC']);
    if (next) {
      await page.goto(`${t.base}/#/nominations/${encodeURIComponent(next.id)}/show`);
      await visible(page.getByTestId('story-title').getByText(next.storyTitle), 'the nomination page');
      await t.shot('nomination');
      await page.getByRole('button', { name: 'Decline (R)' }).click();
      await dialog(page).getByLabel('Reason').click();
      await page.getByRole('option', { name: 'clickbait' }).click();
      await dialog(page).getByRole('button', { name: 'Decline', exact: true }).click();
      await visible(alertWith(page, 'Declined'), 'the decline notice');
      const declined = await env.api.get(`nominations/${encodeURIComponent(next.id)}`, curator);
      check(
        declined.status === 'declined' && declined.declineReason === 'clickbait',
        `the API has ${next.id} declined (got ${declined.status})`,
      );
    }

    // The boost is in the boosts list, active, with an "end" action.
    await menu(page, 'Boosts').click();
    await page.locator('input[name="q"]').fill(oldest.storyTitle);
    const boostRow = rowWithCell(page, boosted.boostId);
    await visible(boostRow.getByText('active'), 'the new boost, active');
    await boostRow.click();
    await visible(page.getByRole('button', { name: 'End boost now' }), 'the End boost action');
    await t.shot('boost');
    await menu(page, 'Nominators').click();
    await visible(page.locator('tbody tr'), 'the nominator statistics');
    await t.shot('nominators');
    t.noApiErrors();
  });

  walkthrough('finance runs a payout and sees it complete (approved by a second person, paid, payout file)', async (t) => {
    const { page } = t;
    const { formatDollars, micros } = await dist('libs/core/src/money/money.js');
    await ensureRun(periods.earlier);
    const finance = await token('finance');
    const partner = await first(env, finance, 'partners', { status: 'active' }, ['id', 'ASC']);
    check(partner, 'the demo data has an active partner');
    await signIn(t, 'finance');

    // An adjustment for the month about to be computed, typed in dollars, stored in micro-dollars.
    await menu(page, 'Adjustments').click();
    await page.getByRole('link', { name: 'Create' }).click();
    await visible(page.getByRole('button', { name: 'Save' }), 'the adjustment form');
    await page.getByLabel('Author (member id)').fill(partner.id);
    await page.getByLabel('Period (YYYY-MM)').fill(periods.latest);
    await page.getByLabel('Amount (US dollars)').fill('12.345678');
    await page.getByLabel('Reason').fill('Correction for a missing boost window (browser test)');
    await t.shot('adjustment');
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(rowWithCell(page, '+$12.35'), 'the adjustment in the list, rounded half to even to the cent');
    const adjustment = await first(env, finance, 'adjustments', { authorId: partner.id, period: periods.latest });
    check(
      adjustment && Number(adjustment.amountMicros) === 12_345_678,
      `the API has the adjustment in micro-dollars (got ${adjustment?.amountMicros})`,
    );

    await menu(page, 'Payout runs').click();
    await visible(rowWithCell(page, periods.earlier), `the ${periods.earlier} run in the list`);
    await t.shot('runs');
    await page.getByRole('link', { name: 'Create' }).click();
    await visible(page.getByRole('button', { name: 'Start the run' }), 'the form starting a run');
    const period = page.getByLabel('Period (YYYY-MM)');
    check((await period.inputValue()) === previousMonth(), `the period defaults to the last closed month ${previousMonth()}`);
    if (periods.latest !== previousMonth()) await period.fill(periods.latest); // a demo bundle made in an earlier month
    await t.shot('start');
    await page.getByRole('button', { name: 'Start the run' }).click();
    await visible(page.getByTestId('run-status'), 'the run page');
    await t.shot('queued');
    await visible(page.getByTestId('run-status').getByText('computed'), 'the run computed', 180_000);
    const run = await first(env, finance, 'payout-runs', { period: periods.latest });
    check(run.status === 'computed' && run.progress === 100, `the API has the run computed (got ${run.status}, ${run.progress}%)`);
    await visible(
      page.getByText(formatDollars(micros(run.poolMicros)), { exact: true }),
      `the pool ${formatDollars(micros(run.poolMicros))}`,
    );
    await visible(page.getByText(formatDollars(micros(run.allocatedMicros)), { exact: true }), 'the allocated total');
    await t.shot('computed');
    check(await page.getByRole('button', { name: 'Approve' }).isDisabled(), 'the person who started the run cannot approve it (four eyes)');
    // The month has planted gaming patterns: once detected, approving its run warns (never blocks).
    const detected = await env.api.call('POST', 'integrity-cases/detect', {
      token: await token('integrity'),
      body: { period: periods.latest },
    });
    check(detected.status === 202, `detecting ${periods.latest}: ${detected.status} ${JSON.stringify(detected.json)}`);
    const warning = await until(
      `the integrity warning on the ${periods.latest} run`,
      async () => (await env.api.get(`payout-runs/${run.id}`, finance)).approvalWarnings.find((w) => w.code === 'integrity_open_cases'),
      120_000,
      500,
    );
    const openCases = `${warning.details.cases} open integrity case${warning.details.cases === 1 ? '' : 's'} for ${periods.latest}`;
    await page.getByRole('tab', { name: 'Statements' }).click();
    await visible(page.locator('tbody tr'), 'the statements of the run');
    await t.shot('statements');
    const statement = await first(env, finance, 'statements', { runId: run.id, authorId: partner.id });
    check(
      statement && Number(statement.adjustmentsMicros) === 12_345_678,
      `the run counted the adjustment (got ${statement?.adjustmentsMicros})`,
    );

    // A second finance person approves, marks paid and downloads the payout file.
    await signIn(t, 'approver');
    await page.goto(`${t.base}/#/payout-runs/${run.id}/show`);
    await visible(page.getByTestId('approval-warnings').getByText(openCases), `the warning on the run page: ${openCases}`);
    // Money moves: a confirmation says how much, to how many writers, before anything changes.
    await page.getByRole('button', { name: 'Approve…' }).click();
    const confirmRun = await visible(dialog(page).filter({ hasText: 'What changes when you approve' }), 'the approval confirmation');
    const repeated = await visible(confirmRun.getByTestId('approve-dialog-warnings'), 'the warnings repeated in the dialog');
    await visible(repeated.getByText(openCases), `the dialog's warning: ${openCases}`);
    await visible(repeated.getByText('Approving anyway is allowed.'), 'approving anyway is allowed');
    const paidOut = formatDollars(BigInt(run.paidOutCents) * 10_000n);
    await visible(confirmRun.getByTestId('approve-run-total').getByText(paidOut, { exact: true }), `the confirmation's total ${paidOut}`);
    await t.shot('approve-confirm');
    await confirmRun.getByTestId('confirm').click();
    await visible(page.getByTestId('run-status').getByText('approved'), 'the run approved');
    await t.shot('approved');
    await page.getByRole('button', { name: 'Mark paid' }).click();
    await dialog(page).getByRole('button', { name: 'Mark paid' }).click();
    await visible(page.getByTestId('run-status').getByText('paid', { exact: true }), 'the run paid');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Payout file' }).click()]);
    const csv = await readFile(await download.path(), 'utf8');
    check(
      csv.split('\n')[0].trim() === 'author,payout_account,amount_cents,currency,statement_id',
      `the payout file header (got ${csv.split('\n')[0]})`,
    );
    check(download.suggestedFilename() === `payouts-${periods.latest}.csv`, `the payout file name (got ${download.suggestedFilename()})`);
    await t.shot('paid');
    const paid = await env.api.get(`payout-runs/${run.id}`, finance);
    check(
      paid.status === 'paid' && paid.approvedByEmail === STAFF.approver.email,
      `the API has the run paid, approved by ${STAFF.approver.email}`,
    );
    t.noApiErrors();
  });
}
