// Forms and messages for all-day use (issue 16, forms): values in words and units, rules the
// form checks before the server has to refuse, confirmations saying what will change, the
// audit log as a diff. Each walkthrough makes its own records or puts back what it changed.
import { ADMIN, STAFF, STAFF_PASSWORD, until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { enterCode } from './walkthroughs.mjs';

async function signIn(t, who) {
  const { email, password, name } = who === 'admin' ? { ...ADMIN, name: 'Administrator' } : { ...STAFF[who], password: STAFF_PASSWORD };
  const { page } = t;
  await page.goto(`${t.base}/#/login`);
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, email);
  await visible(page.getByRole('button', { name: 'Profile' }).getByText(name), `${name} signed in`);
}

const dialog = (page) => page.getByRole('dialog');
const alertWith = (page, text) => page.getByRole('alert').filter({ hasText: text });

export function defineFormsWalkthroughs({ walkthrough, env }) {
  const tokens = {};
  const token = async (who) => (tokens[who] ??= await env.api.login(STAFF[who].email, STAFF_PASSWORD));
  const list = async (who, resource, filter, sort, range = [0, 99]) =>
    env.api.get(env.api.list(resource, { filter, sort, range }), await token(who));

  walkthrough('forms: earnings parameters in words and units, no delete, who changed what', async (t) => {
    const { page } = t;
    await signIn(t, 'admin');
    // The resource's own address leads to the current set (it used to be an empty page).
    await page.goto(`${t.base}/#/earnings-parameters`);
    const table = await visible(page.getByTestId('parameters'), 'the parameters at /#/earnings-parameters');
    const row = (label) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    for (const [label, value] of [
      ['Writer share', '50.00%'],
      ['Minimum payout', '$10.00'],
      ['Session cap', '30 min'],
      ['Follower bonus', '×1.25'],
      ['Boost window', '14 days'],
    ]) {
      await visible(row(label).getByRole('cell', { name: value, exact: true }), `${label} ${value}`);
    }
    const text = await table.innerText();
    check(!/bps|¢|cents/.test(text), `no internal names or raw units on the page: ${text.slice(0, 200)}`);
    await t.shot('parameters');

    // The edit page: Save only (a set is never deleted), units explained, the typed value in words.
    await page.getByRole('link', { name: 'Change' }).click();
    const shards = await visible(page.getByLabel('Run shards'), 'the edit form');
    check((await page.getByRole('button', { name: /delete/i }).count()) === 0, 'no Delete button on the parameters');
    await visible(page.getByText('basis points: 10,000 = 100%; 0 to 10,000 · 50.00%'), 'the writer share explained');
    // Shards do not change any result: a safe change to record (and put back).
    await shards.fill('6');
    await page.getByRole('button', { name: 'Save the new parameters' }).click();
    await visible(alertWith(page, /Earnings parameters saved: version \d+/), 'the save notice');
    const history = await visible(page.getByTestId('parameter-history'), 'the history');
    const latest = history.locator('tbody tr').first();
    await visible(latest.getByText('Administrator (admin@demo.example)'), 'who changed it');
    await visible(latest.getByText('Run shards: 8 → 6'), 'what changed, from → to');
    await t.shot('history');
    await page.getByRole('link', { name: 'Change' }).click();
    await (await visible(page.getByLabel('Run shards'), 'the edit form again')).fill('8');
    await page.getByRole('button', { name: 'Save the new parameters' }).click();
    await visible(history.locator('tbody tr').first().getByText('Run shards: 6 → 8'), 'the change put back');
    t.noApiErrors();
  });

  walkthrough('forms: an application form refuses a future birth date and a member who is already a partner', async (t) => {
    const { page } = t;
    const [partner] = await list('reviewer', 'partners', { status: 'active' }, ['id', 'ASC'], [0, 0]);
    await signIn(t, 'reviewer');
    await page.goto(`${t.base}/#/applications/create`);
    await (await visible(page.getByLabel('Member id'), 'the application form')).fill(partner.id);
    await page.getByLabel('Country (ISO code)').fill('FR');
    await page.getByLabel('Birth date').fill('2030-01-01');
    const posted = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/applications') && posted.push(r.url()));
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText(/A birth date cannot be in the future \(today is \d{4}-\d{2}-\d{2}\)/), 'the future birth date refused');
    check(posted.length === 0, 'the form refused it before asking the server');
    await t.shot('future-birth-date');
    // The server's rule for a partner, shown under the field it names.
    await page.getByLabel('Birth date').fill('1990-05-17');
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText(`${partner.id} is already a partner`), 'the partner refused, under Member id');
    await t.shot('already-partner');
    t.noApiErrors(['422 POST /api/applications']);
  });

  walkthrough(
    'forms: a reject note over the limit is refused in the form; approving asks first, says what changes, and can be undone',
    async (t) => {
      const { page } = t;
      const pending = await list('reviewer', 'applications', { status: 'pending', eligible: true }, ['submittedAt', 'ASC']);
      const app = pending.find((a) => !a.claimedBy);
      check(app, 'a passing pending application nobody is reviewing');
      await signIn(t, 'reviewer');
      await page.goto(`${t.base}/#/applications/${encodeURIComponent(app.id)}/show`);
      await (await visible(page.getByRole('button', { name: 'Reject (R)', exact: true }), 'the application')).click();
      const reject = await visible(dialog(page), 'the reject dialog');
      await reject.getByLabel('Note to the record').fill('x'.repeat(20_000));
      await visible(reject.getByText('20,000 characters: shorten it to at most 2,000'), 'the limit said in the form');
      check(await reject.getByTestId('confirm').isDisabled(), 'Reject is disabled for a 20,000-character note');
      await t.shot('reject-note-limit');
      await reject.getByRole('button', { name: 'Cancel (Esc)' }).click();

      await page.getByRole('button', { name: 'Approve (A)', exact: true }).click();
      const approve = await visible(dialog(page).filter({ hasText: `Approve application ${app.id}?` }), 'the approval confirmation');
      const changes = approve.getByTestId('approve-changes');
      await visible(changes.getByText(`Application ${app.id}: pending → approved`), 'the status change');
      await visible(changes.getByText(`Partner status of ${app.memberId}: none → active`), 'the partner status change');
      await t.shot('approve-confirm');
      await approve.getByTestId('confirm').click();
      await visible(approve.getByTestId('undo-window').getByText(new RegExp(`Approving ${app.id} in \\d s`)), 'the undo window');
      await t.shot('undo-window');
      await approve.getByTestId('undo').click();
      await visible(alertWith(page, `Undone: application ${app.id} is still pending`), 'the undo notice');
      const after = await env.api.get(`applications/${encodeURIComponent(app.id)}`, await token('reviewer'));
      check(after.status === 'pending', `${app.id} is still pending after the undo (got ${after.status})`);
      t.noApiErrors();
    },
  );

  walkthrough('forms: declining a nomination as other needs a note first', async (t) => {
    const { page } = t;
    const pending = await list('curator', 'nominations', { status: 'pending' }, ['nominatedAt', 'ASC']);
    const nomination = pending.find((n) => !n.claimedBy);
    check(nomination, 'a pending nomination nobody is reviewing');
    await signIn(t, 'curator');
    await page.goto(`${t.base}/#/nominations/${encodeURIComponent(nomination.id)}/show`);
    await (await visible(page.getByRole('button', { name: 'Decline (R)' }), 'the nomination')).click();
    const decline = await visible(dialog(page), 'the decline dialog');
    await decline.getByLabel('Reason').click();
    await page.getByRole('option', { name: 'other', exact: true }).click();
    await visible(decline.getByText('Write a note: it is required for “other”'), 'the note asked for');
    check(await decline.getByTestId('confirm').isDisabled(), 'Decline is disabled without a note');
    await decline.getByLabel(/Note/).fill('   ');
    check(await decline.getByTestId('confirm').isDisabled(), 'Decline is disabled for a blank note');
    await decline.getByLabel(/Note/).fill('Duplicate of an older piece');
    check(!(await decline.getByTestId('confirm').isDisabled()), 'Decline is enabled once a note is written');
    await t.shot('decline-other');
    await decline.getByRole('button', { name: 'Cancel (Esc)' }).click();
    t.noApiErrors();
  });

  walkthrough('forms: a resolution keeps its line breaks', async (t) => {
    const { page } = t;
    const [partner] = await list('support', 'partners', { status: 'active' }, ['id', 'DESC'], [0, 0]);
    const created = await env.api.call('POST', 'tickets', {
      token: await token('support'),
      body: { memberId: partner.id, category: 'other', subject: 'Line breaks (forms walkthrough)', body: 'Hello,\nplease help.' },
    });
    check(created.status === 201, `ticket created (got ${created.status} ${JSON.stringify(created.json)})`);
    await signIn(t, 'support');
    await page.goto(`${t.base}/#/tickets/${encodeURIComponent(created.json.id)}/show`);
    await (await visible(page.getByRole('button', { name: 'Resolve', exact: true }), 'the ticket')).click();
    const resolution = 'Checked your statement.\nThe payout was sent on Monday.\n\nWrite again if it has not arrived.';
    const field = await visible(dialog(page).getByLabel(/Resolution/), 'the resolution field');
    await field.fill(resolution);
    await dialog(page).getByRole('button', { name: 'Resolve', exact: true }).click();
    const shown = await visible(page.getByTestId('resolution'), 'the resolution on the ticket');
    const text = await shown.innerText();
    check(text.trim() === resolution, `the resolution as written, line breaks kept (got ${JSON.stringify(text)})`);
    check(
      (await shown.evaluate((n) => n.ownerDocument.defaultView.getComputedStyle(n).whiteSpace)) === 'pre-wrap',
      'the resolution is shown with its line breaks',
    );
    await t.shot('resolution');
    // A ticket without a computed run of its month has no explanation yet (422 no_computed_run).
    t.noApiErrors(['/explanation']);
  });

  walkthrough('forms: the audit log shows what changed, filters on part of an action, links to the entity', async (t) => {
    const { page } = t;
    await signIn(t, 'admin');
    await page.goto(`${t.base}/#/audit-log`);
    await (await visible(page.getByLabel('Action (part of it, e.g. approve)'), 'the audit log')).fill('PARAMETERS.upd');
    const rows = page.locator('tbody tr').filter({ hasText: 'earnings-parameters.update' });
    await visible(rows, 'parameter changes found by part of the action, whatever the case');
    // The list as the server filtered it (ILIKE on the action, server side): only matching actions.
    const actions = await until(
      'the filtered audit log',
      async () => {
        const a = await page.locator('tbody tr td:nth-child(4)').allInnerTexts();
        return a.length > 0 && a.every((x) => x === 'earnings-parameters.update') ? a : null;
      },
      15_000,
    );
    check(actions.length >= 2, `the parameter changes of this run (${actions.length})`);
    // The forms walkthrough's own change (shards 6 → 8): one changed value of the 18, before → after.
    await rows.first().click();
    const diff = await visible(page.getByTestId('audit-diff'), 'the diff of the entry');
    await visible(diff.getByText('1 value changed:'), 'one value changed');
    await visible(diff.getByTestId('change-shards').getByText('→ 8', { exact: true }), 'shards before → after');
    check((await diff.locator('tbody tr').count()) === 1, 'only the changed key is shown');
    await t.shot('audit-diff');
    await rows.first().getByTestId('entity-link').click();
    await visible(page.getByTestId('parameters'), 'the entity link opens the parameters page');
    t.noApiErrors();
  });

  walkthrough('forms: an adjustment defaults to the first open period; the explanation form says what it needs', async (t) => {
    const { page } = t;
    const runs = await list('finance', 'payout-runs', {}, ['period', 'DESC']);
    const final = runs.filter((r) => r.status === 'approved' || r.status === 'paid').map((r) => r.period);
    const [partner] = await list('finance', 'partners', { status: 'active' }, ['id', 'ASC'], [0, 0]);
    await signIn(t, 'finance');
    await page.goto(`${t.base}/#/adjustments/create`);
    const period = await visible(page.getByLabel('Period (YYYY-MM)'), 'the adjustment form');
    await visible(page.getByText(/ or later: earlier months are approved or paid/), 'the first open period found');
    const proposed = await period.inputValue();
    check(!final.includes(proposed), `the proposed period ${proposed} is not approved or paid (final: ${final.join(', ')})`);
    check(
      final.every((p) => p < proposed),
      `${proposed} comes after every final period (${final.join(', ')})`,
    );
    await page.getByLabel('Author (member id)').fill(partner.id);
    await page.getByLabel('Amount (US dollars)').fill('1.25');
    await page.getByLabel('Reason').fill('Forms walkthrough: the default period is accepted');
    await page.getByRole('button', { name: 'Save' }).click();
    await visible(alertWith(page, `Adjustment of +$1.25 added to`), 'the adjustment saved with its default period');
    await t.shot('adjustment');

    await page.goto(`${t.base}/#/explanations`);
    await (await visible(page.getByLabel('Period (YYYY-MM)'), 'the explanation form')).fill('');
    await page.getByRole('button', { name: 'Explain' }).click();
    await visible(page.getByText('Required: the writer’s member id, e.g. m123'), 'the writer field required');
    await visible(page.getByText('Required: a month, YYYY-MM'), 'the period field required');
    await t.shot('explanation-required');
    t.noApiErrors();
  });
}
