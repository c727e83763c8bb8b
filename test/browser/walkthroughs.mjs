// The console's walkthroughs, one per role, against the real api + worker + demo data.
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, STAFF, STAFF_PASSWORD, TOTP, codeFor, previousMonth, until } from './environment.mjs';
import { check, hidden, visible } from './kit.mjs';

const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);

/**
 * Signs out through the user menu (when signed in), then in through the login page. React-admin
 * returns to the page the previous user left (else the dashboard): wait for the new user's name.
 */
async function signIn(t, who) {
  const { email, password, name } =
    typeof who === 'object' ? who : who === 'admin' ? { ...ADMIN, name: 'Administrator' } : { ...STAFF[who], password: STAFF_PASSWORD };
  const { page } = t;
  if (page.url().startsWith(t.base) && (await page.evaluate(() => localStorage.getItem('ppc.token')))) {
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await visible(page.locator('input[name="username"]'), 'the sign-in page after signing out');
  } else {
    await page.goto(`${t.base}/#/login`);
  }
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, email);
  await visible(page.getByRole('button', { name: 'Profile' }).getByText(name), `${name} signed in`);
}

/** The second sign-in step of an enrolled account (finance, admin): a fresh code from its secret. */
export async function enterCode(page, email) {
  if (!TOTP[email]) return;
  await visible(page.locator('input[name="code"]'), 'the code step of the sign-in');
  await page.locator('input[name="code"]').fill(await codeFor(email));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const menu = (page, name) => page.getByRole('menuitem', { name, exact: true });
const alertWith = (page, text) => page.getByRole('alert').filter({ hasText: text });
const dialog = (page) => page.getByRole('dialog');
/** A data row whose cells include one with exactly this text. */
const rowWithCell = (page, text) => page.locator('tbody tr').filter({ has: page.getByRole('cell', { name: text, exact: true }) });

/** The API's list of a resource, as a staff member (setup and cross-checks). */
async function first(env, token, resource, filter, sort) {
  const rows = await env.api.get(env.api.list(resource, { filter, sort, range: [0, 0] }), token);
  return rows[0];
}

export function defineWalkthroughs({ walkthrough, env, outDir, perf }) {
  const tokens = {};
  const token = async (who) => (tokens[who] ??= await env.api.login(STAFF[who].email, STAFF_PASSWORD));
  const periods = env.periods;

  /** A computed (or later) run of the period, started through the API when there is none. */
  async function ensureRun(period) {
    const finance = await token('finance');
    const existing = await first(env, finance, 'payout-runs', { period });
    if (!existing || existing.status === 'failed') {
      const r = await env.api.call('POST', 'payout-runs', { token: finance, body: { period } });
      check(r.status === 202, `starting the ${period} run: ${r.status} ${JSON.stringify(r.json)}`);
    }
    return until(
      `the ${period} run to be computed`,
      async () => {
        const run = await first(env, finance, 'payout-runs', { period });
        if (run?.status === 'failed') throw new Error(`the ${period} run failed: ${run.error}`);
        return ['computed', 'approved', 'paid'].includes(run?.status) ? run : null;
      },
      180_000,
      250,
    );
  }

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
    // Money moves: a confirmation says how much, to how many writers, before anything changes.
    await page.getByRole('button', { name: 'Approve…' }).click();
    const confirmRun = await visible(dialog(page).filter({ hasText: 'What changes when you approve' }), 'the approval confirmation');
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

  walkthrough('support opens a ticket and reads the earnings explanation, then resolves it', async (t) => {
    const { page } = t;
    const { formatCents, micros, shownDifferenceCents } = await dist('libs/core/src/money/money.js');
    await ensureRun(periods.earlier);
    await ensureRun(periods.latest);
    const support = await token('support');
    const ticket =
      (await first(env, support, 'tickets', { status: 'open', category: 'earnings_drop', period: periods.latest })) ??
      (await first(env, support, 'tickets', { status: 'open', period: periods.latest })) ??
      (await first(env, support, 'tickets', { status: 'open', period: periods.earlier }));
    check(ticket, 'the demo data has an open ticket about a computed period');
    const explanation = await env.api.get(`tickets/${ticket.id}/explanation`, support);

    await signIn(t, 'support');
    await visible(page.getByTestId('tile-tickets').getByTestId('count').getByText(/^\d+$/), 'the open tickets on the dashboard');
    await t.shot('dashboard');

    // A saved reply with placeholders, filled by the server for the ticket later.
    await menu(page, 'Saved replies').click();
    await page.getByRole('link', { name: 'Create' }).click();
    await visible(page.getByRole('button', { name: 'Save' }), 'the saved reply form');
    await page.getByLabel('Title').fill('Earnings change explained');
    await page
      .getByLabel('Text')
      .fill(
        'Hi {{writerFirstName}},\n\nYour earnings for {{periodName}} changed by {{change}}. The main reason: {{topCause}}\n\n{{agentName}}',
      );
    await t.shot('saved-reply');
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(rowWithCell(page, 'Earnings change explained'), 'the saved reply in the list');

    await menu(page, 'Tickets').click();
    await visible(page.locator('tbody tr'), 'the ticket queue');
    await t.shot('queue');
    await page.locator('input[name="q"]').fill(ticket.id);
    await rowWithCell(page, ticket.id).click();
    await visible(page.getByTestId('ticket-subject').getByText(ticket.subject), 'the ticket');
    const panel = page.getByTestId('explanation');
    await visible(panel, 'the earnings explanation beside the ticket');
    // The change as shown: now − before, each rounded to the cent.
    const { earningsMicros, previousEarningsMicros } = explanation.comparison;
    const change = formatCents(shownDifferenceCents(micros(earningsMicros), micros(previousEarningsMicros)), { signed: true });
    await visible(panel.getByText(change, { exact: true }), `the change ${change}`);
    const moneyCauses = explanation.comparison.causes.filter((c) => String(c.amountMicros) !== '0');
    if (moneyCauses.length) await visible(panel.getByTestId('causes').getByText(`1. ${moneyCauses[0].text}`), 'the largest cause first');
    if (explanation.statement) await visible(panel.getByTestId('explanation-statement'), 'the statement');
    if (explanation.stories.some((s) => s.inRun)) await visible(panel.locator('.recharts-surface'), 'the per-story breakdown chart');
    await t.shot('explanation');

    await page.getByLabel('Add a note').fill('Checked the explanation with the writer (browser test).');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await visible(page.getByText('Checked the explanation with the writer (browser test).'), 'the new internal note');

    // The saved reply, filled for this ticket, becomes the resolution.
    await page.getByLabel('Saved reply').click();
    await page.getByRole('option', { name: 'Earnings change explained' }).click();
    await page.getByRole('button', { name: 'Fill for this ticket' }).click();
    const firstName = ticket.memberName.trim().split(/\s+/)[0];
    const draft = page.getByLabel('Draft (used as the resolution)');
    await until('the filled reply in the draft', async () => (await draft.inputValue()).startsWith(`Hi ${firstName},`), 15_000, 100);
    check((await draft.inputValue()).includes(`changed by ${change}`), `the reply names the change ${change}`);
    await t.shot('reply');
    await page.getByRole('button', { name: 'Resolve' }).click();
    check(
      (await dialog(page).getByLabel('Resolution').inputValue()).startsWith(`Hi ${firstName},`),
      'the resolution starts from the draft',
    );
    await dialog(page).getByRole('button', { name: 'Resolve', exact: true }).click();
    await visible(alertWith(page, 'resolved'), 'the resolution notice');
    await visible(page.getByText(/Resolved \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/), 'the resolved banner');
    await t.shot('resolved');
    const resolved = await env.api.get(`tickets/${ticket.id}`, support);
    check(
      resolved.status === 'resolved' && resolved.notes.length >= 1 && resolved.resolution.startsWith(`Hi ${firstName},`),
      `the API has ${ticket.id} resolved with the note and the reply (got ${resolved.status})`,
    );
    t.noApiErrors();
  });

  walkthrough('a curator is refused a finance page', async (t) => {
    const { page } = t;
    await signIn(t, 'curator');
    for (const name of ['Statements', 'Story earnings', 'Adjustments', 'Applications', 'Staff accounts']) {
      check((await menu(page, name).count()) === 0, `a curator has no ${name} menu`);
    }
    await page.goto(`${t.base}/#/statements`);
    await visible(page.getByText('Access denied'), 'the access-denied page for statements');
    await visible(page.getByText("You don't have access to this page"), 'the explanation of the refusal');
    await t.shot('statements-refused');
    await page.goto(`${t.base}/#/payout-runs/create`);
    await visible(page.getByText('Access denied'), 'the access-denied page for starting a run');
    // The API is the authority: the curator's own token is refused there too.
    const stored = await page.evaluate(() => localStorage.getItem('ppc.token'));
    const r = await env.api.call('GET', env.api.list('statements'), { token: stored });
    check(r.status === 403 && r.json.code === 'forbidden', `the API refuses the curator (got ${r.status} ${r.json?.code})`);
    const w = await env.api.call('POST', 'payout-runs', { token: stored, body: { period: periods.latest } });
    check(w.status === 403, `the API refuses a curator starting a run (got ${w.status})`);
    // Still signed in: the curator's own pages work.
    await menu(page, 'Nomination queue').click();
    await visible(page.locator('table'), 'the nomination queue after the refusal');
    // The statements page may have asked the API before react-admin showed "Access denied": refused with 403.
    t.noApiErrors(['403 GET /api/statements?']);
  });

  walkthrough(
    'the API stays the authority: a 403 is reported and keeps you signed in; a role change or a bad token signs out',
    async (t) => {
      const { page } = t;
      // A finance person whose roles an admin changes while they are signed in.
      const who = { email: `moved-${Date.now()}@demo.example`, password: STAFF_PASSWORD, name: 'Mo Moved' };
      const created = await env.api.call('POST', 'staff-users', { token: env.adminToken, body: { ...who, roles: ['support'] } });
      check(created.status === 201, `creating ${who.email}: ${created.status}`);
      await signIn(t, who);
      await visible(menu(page, 'Statements'), 'the Statements menu of a support person');
      // A refusal the console did not foresee (the API's answer, as the API words it): reported, still signed in.
      await page.route('**/api/statements?**', (route) =>
        route.fulfill({
          status: 403,
          contentType: 'application/json',
          body: JSON.stringify({ statusCode: 403, code: 'forbidden', message: 'requires one of the roles: finance, support' }),
        }),
      );
      await menu(page, 'Statements').click();
      await visible(alertWith(page, "You don't have access to this"), 'the 403 reported');
      await visible(page.getByRole('button', { name: 'Profile' }).getByText(who.name), 'still signed in after a 403');
      await t.shot('403-reported');
      await page.unroute('**/api/statements?**');
      // A role change ends the session (issue 12): the next call is a 401, back to sign-in; the new roles apply after it.
      const moved = await env.api.call('PUT', `staff-users/${created.json.id}`, { token: env.adminToken, body: { roles: ['curator'] } });
      check(moved.status === 200, `changing the roles: ${moved.status}`);
      await menu(page, 'Tickets').click();
      await visible(page.locator('input[name="username"]'), 'the sign-in page after the role change');
      check((await page.evaluate(() => localStorage.getItem('ppc.token'))) === null, 'the token is gone after a 401');
      await t.shot('role-change-signed-out');
      await signIn(t, who);
      await visible(menu(page, 'Nomination queue'), 'the curator menu after signing in again');
      check((await menu(page, 'Statements').count()) === 0, 'no Statements menu for a curator');
      // An invalid token: the next call is a 401 and the console signs out.
      await page.evaluate(() => localStorage.setItem('ppc.token', 'not-a-valid-token'));
      await menu(page, 'Nomination queue').click();
      await visible(page.locator('input[name="username"]'), 'the sign-in page after a 401');
      check((await page.evaluate(() => localStorage.getItem('ppc.token'))) === null, 'the token is gone after a 401');
      await t.shot('401-signed-out');
      t.noApiErrors(['403 GET /api/statements?', '401 GET /api/']);
    },
  );

  walkthrough('admin manages staff accounts and browses the audit log', async (t) => {
    const { page } = t;
    await signIn(t, 'admin');
    await menu(page, 'Staff accounts').click();
    await page.locator('input[name="q"]').fill('@demo.example');
    await visible(rowWithCell(page, STAFF.reviewer.email), 'the reviewer account');
    await t.shot('staff');
    await rowWithCell(page, STAFF.support.email).click();
    await visible(page.getByLabel('Name'), 'the staff account form');
    await t.shot('staff-edit');
    await menu(page, 'Audit log').click();
    await page.getByLabel('Actor (part of the email)').fill(ADMIN.email);
    await page.getByLabel('Action (part of it, e.g. approve)').fill('staff.create');
    const entry = page.locator('tbody tr').filter({ hasText: 'staff.create' }).filter({ hasText: ADMIN.email }).first();
    await visible(entry, "the admin's creation of the demo staff in the audit log");
    await page.locator('tbody tr').filter({ hasText: 'staff.create' }).last().click();
    await visible(page.getByTestId('change-email').getByText(/→ [a-z]+@demo\.example/), 'the created account in the diff');
    await t.shot('audit-log');
    t.noApiErrors();
  });

  /** Every list: sort by each sortable column, search, next page and CSV export, against the real API. */
  walkthrough('every list sorts, searches, pages and exports CSV', async (t) => {
    const { page } = t;
    await ensureRun(periods.earlier); // statements, story earnings and runs have rows even when run alone
    await signIn(t, 'admin');
    const lists = [
      'applications',
      'partners',
      'countries',
      'nominations',
      'boosts',
      'stories',
      'nominators',
      'payout-runs',
      'statements',
      'story-earnings',
      'adjustments',
      'tickets',
      'saved-replies',
      'referrals',
      'referral-credits',
      'referral-credit-totals',
      'staff-users',
      'audit-log',
    ];
    const isList = (resource) => (r) => r.url().includes(`/api/${resource}?`) && r.request().method() === 'GET';
    const checked = [];
    for (const resource of lists) {
      const began = Date.now();
      const loaded = page.waitForResponse(isList(resource));
      await page.goto(`${t.base}/#/${resource}`);
      check((await loaded).status() === 200, `${resource}: the list loads`);
      await visible(page.locator('table, .RaList-noResults, .RaEmpty-message').first(), `${resource}: a table or an empty state`);
      await t.shot(resource);
      const headers = page.locator('thead .MuiTableSortLabel-root');
      const n = await headers.count();
      for (let i = 0; i < n; i++) {
        const sorted = page.waitForResponse(isList(resource));
        await headers.nth(i).click();
        const res = await sorted;
        check(
          res.status() === 200,
          `${resource}: sorting by column ${i + 1} (${decodeURIComponent(res.url()).split('sort=')[1]?.split('&')[0]}) → ${res.status()}`,
        );
      }
      const q = page.locator('input[name="q"]');
      if (await q.count()) {
        const searched = page.waitForResponse((r) => isList(resource)(r) && decodeURIComponent(r.url()).includes('"q":"a"'));
        await q.fill('a');
        check((await searched).status() === 200, `${resource}: search`);
        const cleared = page.waitForResponse(isList(resource));
        await q.fill('');
        await cleared;
      }
      // Each filter with a value: the API accepts it (an unknown field or a bad type would be a 400).
      const sources = await page.locator('.filter-field[data-source]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source')));
      const addFilter = page.getByRole('button', { name: 'Add filter' });
      let hiddenSources = [];
      if (await addFilter.count()) {
        await addFilter.click();
        hiddenSources = await page.locator('.new-filter-item[data-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
        await page.keyboard.press('Escape');
        await hidden(page.locator('.new-filter-item'), 'the filter menu');
      }
      const tried = [];
      for (const source of [...sources, ...hiddenSources].filter((x) => x !== 'q')) {
        if (hiddenSources.includes(source)) {
          await addFilter.click();
          await page.locator(`.new-filter-item[data-key="${source}"]`).click();
        }
        const field = page.locator(`.filter-field[data-source="${source}"]`);
        await visible(field, `${resource}: the ${source} filter`);
        const responded = page.waitForResponse((r) => isList(resource)(r) && decodeURIComponent(r.url()).includes(`"${source}":`));
        if (await field.locator('input[type="date"]').count()) {
          await field.locator('input[type="date"]').fill('2026-01-15');
        } else if (await field.getByRole('combobox').count()) {
          await field.getByRole('combobox').click();
          const option = page.getByRole('listbox').getByRole('option').filter({ hasText: /\S/ }).last();
          await visible(option, `${resource}: a choice for ${source}`);
          await option.click();
          await hidden(page.getByRole('listbox'), `${resource}: the ${source} choices once picked`);
        } else {
          await field
            .locator('input')
            .first()
            .fill(source.endsWith('_gte') || source.endsWith('_lte') ? '1' : source === 'period' ? '2026-10' : 'm1');
        }
        const res = await responded.catch((e) => {
          throw new Error(`${resource}: no list request with the ${source} filter (${e.message.split('\n')[0]})`);
        });
        check(res.status() === 200, `${resource}: filter ${source} → ${res.status()}`);
        tried.push(source);
      }
      if (tried.length) {
        // The filters add up (the list may well be empty now); back to none.
        const reset = page.waitForResponse(isList(resource));
        await page.goto(`${t.base}/#/${resource}?filter=${encodeURIComponent('{}')}`);
        await reset;
      }
      const next = page.getByRole('button', { name: 'Go to next page' });
      if ((await next.count()) && (await next.isEnabled())) {
        const paged = page.waitForResponse((r) => isList(resource)(r) && !decodeURIComponent(r.url()).includes('range=[0,'));
        await next.click();
        check((await paged).status() === 200, `${resource}: next page`);
      }
      const exportButton = page.getByRole('button', { name: 'Export' });
      if ((await exportButton.count()) && (await exportButton.isEnabled())) {
        const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
        const csv = await readFile(await download.path(), 'utf8');
        const header = csv.split('\n')[0];
        check(
          download.suggestedFilename() === `${resource}.csv` && header.length > 0,
          `${resource}: CSV export (${download.suggestedFilename()})`,
        );
        const columns = header
          .replace(/^\ufeff/, '')
          .trim()
          .split(',');
        for (const c of columns.filter((c) => c.endsWith(' (µ$)'))) {
          const usd = c.replace(/ \(µ\$\)$/, ' (USD)');
          check(columns.includes(usd), `${resource}: the CSV has ${usd} next to ${c}`);
        }
      }
      checked.push(`${resource} (${n} sorts, ${tried.length} filters, ${((Date.now() - began) / 1000).toFixed(1)} s)`);
    }
    console.log(`    lists checked: ${checked.join(', ')}`);
    t.noApiErrors();
  });
  /** Every other screen once (detail pages, forms, custom pages), as an admin: it renders, with no API or page error. */
  walkthrough('every screen renders (screen tour as admin, earnings parameters changed)', async (t) => {
    const { page } = t;
    const admin = env.adminToken;
    const run = await ensureRun(periods.earlier);
    const pick = async (resource, filter = {}, sort) => (await first(env, admin, resource, filter, sort))?.id;
    const statement = await pick('statements', { runId: run.id }, ['balanceMicros', 'DESC']);
    const storyEarning = await pick('story-earnings', { runId: run.id }, ['earningsMicros', 'DESC']);
    const referral = await first(env, admin, 'referrals', {}, ['referredAt', 'DESC']);
    const partner = await pick('partners', { status: 'active' }, ['id', 'ASC']);
    const story = await pick('stories', { status: 'published' }, ['publishedAt', 'DESC']);
    const boost = await pick('boosts', {}, ['startsAt', 'DESC']);
    const nominator = await pick('nominators', {}, ['lastNominatedAt', 'DESC']);
    const nomination = await pick('nominations', {}, ['nominatedAt', 'ASC']);
    const application = await pick('applications', {}, ['submittedAt', 'ASC']);
    const ticket = await pick('tickets', {}, ['queue', 'ASC']);
    const author = (await first(env, admin, 'statements', { runId: run.id }, ['balanceMicros', 'DESC']))?.authorId;
    const adjustment = await pick('adjustments', {}, ['createdAt', 'DESC']);
    const reply = await pick('saved-replies', {}, ['title', 'ASC']);
    const staff = await pick('staff-users', {}, ['email', 'ASC']);
    await signIn(t, 'admin');
    await visible(page.getByTestId('period-charts'), 'the charts of the last periods');
    // A paid run's "paid out" and "paid authors" on the dashboard: its transferred payouts, summed exactly.
    const { formatDollars } = await dist('libs/core/src/money/money.js');
    for (const r of await env.api.get(env.api.list('payout-runs', { filter: { status: 'paid' }, range: [0, 11] }), admin)) {
      const paidRows = await env.api.get(
        env.api.list('statements', { filter: { runId: r.id, payoutState: 'transferred' }, range: [0, 9999] }),
        admin,
      );
      const cents = paidRows.reduce((sum, x) => sum + BigInt(x.payoutCents), 0n);
      const row = page.getByTestId(`period-${r.period}`);
      await visible(
        row.getByText(formatDollars(cents * 10_000n), { exact: true }),
        `${r.period}: paid out ${formatDollars(cents * 10_000n)}`,
      );
      await visible(row.getByText(String(paidRows.length), { exact: true }), `${r.period}: ${paidRows.length} paid authors`);
    }
    await t.shot('dashboard');
    const screens = [
      ['applications/create', 'received outside the form'],
      [`applications/${application}/show`, 'Eligibility checks'],
      [`partners/${partner}/show`, 'Status history'],
      ['countries/FR', 'Date added'],
      ['countries/create', 'ISO 3166-1 alpha-2 code'],
      [`nominations/${nomination}/show`, 'Nominator'],
      [`stories/${story}/show`, 'Boost windows'],
      [`boosts/${boost}/show`, 'Scheduled end'],
      [`nominators/${nominator}/show`, 'Approval rate'],
      ['payout-runs/create', 'Start the run'],
      [`payout-runs/${run.id}/show`, 'Members contributing'],
      [`statements/${statement}/show`, 'Carried to next month'],
      [`story-earnings/${storyEarning}/show`, 'Boosted readers'],
      ['adjustments/create', 'Amount (US dollars)'],
      ...(adjustment ? [[`adjustments/${adjustment}/show`, 'Reason']] : []),
      ['earnings-parameters/current/show', 'Writer share'],
      [`tickets/${ticket}/show`, 'Internal notes'],
      ['tickets/create', 'Writer (member id)'],
      ...(reply ? [[`saved-replies/${reply}`, 'Placeholders']] : []),
      ['saved-replies/create', 'Placeholders'],
      [`explanations/${author}/${periods.earlier}`, 'What the writer sees'],
      [`referrals/${referral.id}/show`, 'Credits of this referral'],
      [`writer-referrals?writer=${encodeURIComponent(referral.referrerId)}`, 'Credits per month'],
      ['staff-users/create', 'Password'],
      [`staff-users/${staff}`, 'New password (optional)'],
    ];
    for (const [path, text] of screens) {
      await page.goto(`${t.base}/#/${path}`);
      await visible(page.locator('#main-content').getByText(text).first(), `${path}: “${text}”`);
      await t.shot(path.split('?')[0].replace(/\//g, '_'));
    }
    // Earnings parameters: an admin changes one for future runs; the history shows it.
    await page.goto(`${t.base}/#/earnings-parameters/current`);
    const clap = page.getByLabel('Points per clap');
    await visible(clap, 'the clap points input');
    const before = await clap.inputValue();
    await clap.fill(String(Number(before) + 1));
    await t.shot('earnings-parameters_edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(
      page.getByTestId('parameter-clapPoints').getByText(`${Number(before) + 1} points`, { exact: true }),
      'the new clap points on the parameters page',
    );
    const current = await env.api.get('earnings-parameters/current', admin);
    check(
      current.params.clapPoints === Number(before) + 1,
      `the API has clapPoints ${Number(before) + 1} (got ${current.params.clapPoints})`,
    );
    await t.shot('earnings-parameters_changed');
    t.noApiErrors();
  });
}
