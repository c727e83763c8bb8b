// The support, refused-page, and admin walkthroughs (after the roles: they read the runs finance made).
import { ADMIN, STAFF, STAFF_PASSWORD, until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { alertWith, dialog, dist, first, menu, rowWithCell, signIn } from './walkthrough-steps.mjs';

export function defineSupportWalkthroughs({ walkthrough, env, token, periods, ensureRun }) {
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
}
