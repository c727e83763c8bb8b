// Keyboard-only walkthroughs of the two review queues (issue 16, acceptance 4): a reviewer
// and a curator work their queues with the keys alone (no clicks), with screenshots; a
// second reviewer's claim is honoured; the API is read alongside to check what happened.
import { ADMIN, STAFF, STAFF_PASSWORD, codeFor, until } from './environment.mjs';
import { check, hidden, visible } from './kit.mjs';

/** Signs in with the keyboard: the email field has the focus, Tab to the password, Enter. */
async function signInByKeyboard(t, who) {
  const { page } = t;
  await page.goto(`${t.base}/#/login`);
  await visible(page.locator('input[name="username"]'), 'the sign-in form');
  await page.locator('input[name="username"]').focus();
  await page.keyboard.type(STAFF[who].email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(STAFF_PASSWORD);
  await page.keyboard.press('Enter');
  await visible(page.getByRole('button', { name: 'Profile' }).getByText(STAFF[who].name), `${STAFF[who].name} signed in`);
}

/** Opens a permalink (typing an address is keyboard use too) and waits for the queue's rows. */
async function openQueue(t, resource, filter) {
  await t.page.goto(`${t.base}/#/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}&order=ASC&page=1&perPage=25`);
  await visible(t.page.locator('tbody tr'), `the ${resource} queue`);
  await visible(t.page.getByTestId('queue-counts').getByTestId('count-pending'), 'the live counts');
}

const focusLine = (page) => page.getByTestId('queue-focus');
const idInUrl = (page, resource) => decodeURIComponent(new URL(page.url()).hash.match(new RegExp(`#/${resource}/([^/]+)/show`))?.[1] ?? '');

export function defineQueueWalkthroughs({ walkthrough, env }) {
  const tokens = {};
  const token = async (who) => (tokens[who] ??= await env.api.login(STAFF[who].email, STAFF_PASSWORD));
  /** A second account of a role, made by the admin, for a colleague's claim. */
  async function colleague(role) {
    const email = `${role}-colleague-${Date.now().toString(36)}@demo.example`;
    const r = await env.api.call('POST', 'staff-users', {
      token: env.adminToken,
      body: { email, name: `Colleague ${role}`, roles: [role], password: STAFF_PASSWORD },
    });
    check(r.status === 201 || r.status === 200, `creating ${email}: ${r.status}`);
    return { email, token: await env.api.login(email, STAFF_PASSWORD) };
  }
  const get = (path, tok) => env.api.get(path, tok);
  const pendingOf = async (resource, filter, tok, sort) =>
    env.api.get(env.api.list(resource, { filter: { status: 'pending', ...filter }, sort, range: [0, 99] }), tok);

  walkthrough('queues: a reviewer works the application queue with the keyboard only', async (t) => {
    const { page } = t;
    const reviewer = await token('reviewer');
    const eligible = await pendingOf('applications', { eligible: true, claimed: false }, reviewer, ['submittedAt', 'ASC']);
    check(eligible.length >= 3, `the demo data has at least 3 passing pending applications (got ${eligible.length})`);
    const rob = await colleague('reviewer');

    await signInByKeyboard(t, 'reviewer');
    await openQueue(t, 'applications', { status: 'pending', eligible: true });
    await t.shot('queue');

    // ? opens the help, Esc closes it.
    await page.keyboard.press('Shift+Slash');
    await visible(page.getByRole('dialog').getByText('Application queue: keys'), 'the shortcut help');
    await t.shot('help');
    await page.keyboard.press('Escape');
    await hidden(page.getByRole('dialog'), 'the help after Esc');

    // j/k move the focused row; x selects; Shift+A previews a bulk approval (nothing written).
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await visible(focusLine(page).getByText(`Row 2 of ${Math.min(eligible.length, 25)}: ${eligible[1].id}`), 'row 2 focused after j j k');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await until('x to select two rows', async () => (await page.locator('tbody input[type="checkbox"]:checked').count()) === 2, 5_000);
    await page.keyboard.press('Shift+A');
    const preview = page.getByTestId('bulk-preview');
    await visible(preview.getByText('2 will be approved, 0 skipped. Nothing has changed yet.'), 'the bulk preview from the dry run');
    await visible(preview.getByText(`${eligible[1].id}: ${eligible[1].memberId} becomes a partner`), 'the preview naming each application');
    await t.shot('bulk-preview');
    await page.keyboard.press('Escape');
    await hidden(page.getByRole('dialog'), 'the preview after Esc');
    check((await get(`applications/${eligible[1].id}`, reviewer)).status === 'pending', 'the preview approved nothing');
    await page.keyboard.press('x');
    await page.keyboard.press('k');
    await page.keyboard.press('x');
    await until('x to clear the selection', async () => (await page.locator('tbody input[type="checkbox"]:checked').count()) === 0, 5_000);

    // Enter opens the focused application and claims it.
    await page.keyboard.press('Enter');
    await visible(page.getByTestId('claim-banner').getByText('You are reviewing this application'), 'the claim banner');
    const first = idInUrl(page, 'applications');
    check(first === eligible[1].id, `Enter opened ${eligible[1].id} (got ${first})`);
    const claimed = await get(`applications/${first}`, reviewer);
    check(claimed.claimedByEmail === STAFF.reviewer.email, `the API has ${first} claimed by the reviewer (got ${claimed.claimedByEmail})`);
    const robTry = await env.api.call('POST', `applications/${first}/approve`, { token: rob.token });
    check(
      robTry.status === 409 && robTry.json.details?.reason === 'claimed',
      `a second reviewer is refused with 409 claimed (got ${robTry.status})`,
    );
    await t.shot('claimed');

    // a → confirmation → Enter: approved, and the next free application opens by itself.
    await page.keyboard.press('a');
    await visible(page.getByRole('dialog').getByText(`Approve application ${first}?`), 'the approval confirmation');
    await t.shot('approve-confirm');
    await page.keyboard.press('Enter');
    await until(
      'the next application to open',
      async () => idInUrl(page, 'applications') && idInUrl(page, 'applications') !== first,
      15_000,
    );
    await visible(page.getByTestId('claim-banner').getByText('You are reviewing this application'), 'the next application claimed');
    const approved = await get(`applications/${first}`, reviewer);
    check(
      approved.status === 'approved' && approved.claimedBy === null,
      `${first} approved and its claim ended (got ${approved.status}, ${approved.claimedBy})`,
    );
    const second = idInUrl(page, 'applications');
    await t.shot('next-after-approve');

    // r → reason and note typed, Ctrl+Enter: rejected, next one.
    await page.keyboard.press('r');
    await visible(page.getByRole('dialog').getByText(`Reject application ${second}`), 'the reject dialog');
    await page.keyboard.type('Rejected in the keyboard walkthrough.');
    await t.shot('reject-dialog');
    await page.keyboard.press('Control+Enter');
    await until('the application after the rejected one to open', async () => idInUrl(page, 'applications') !== second, 15_000);
    const rejected = await get(`applications/${second}`, reviewer);
    check(
      rejected.status === 'rejected' && rejected.note === 'Rejected in the keyboard walkthrough.',
      `${second} rejected with the typed note (got ${rejected.status})`,
    );

    // j skips: the claim on this one ends, the next free one opens (once the reject dialog has
    // closed: a key pressed while it is still closing goes to its text field).
    await hidden(page.getByRole('dialog'), 'the reject dialog after Ctrl+Enter');
    const third = idInUrl(page, 'applications');
    await visible(page.getByTestId('claim-banner').getByText('You are reviewing this application'), `${third} claimed`);
    await page.keyboard.press('j');
    await until('j to move on', async () => idInUrl(page, 'applications') !== third, 15_000);
    await until(`the claim on ${third} to end`, async () => (await get(`applications/${third}`, reviewer)).claimedBy === null, 15_000);

    // A colleague's claim: the banner says who; a does nothing but say so.
    const robs = (await pendingOf('applications', { claimed: false }, reviewer, ['submittedAt', 'DESC']))[0];
    await env.api.call('POST', `applications/${robs.id}/claim`, { token: rob.token });
    await page.goto(`${t.base}/#/applications/${encodeURIComponent(robs.id)}/show`);
    await visible(page.getByTestId('claim-banner').getByText(`${rob.email} is reviewing this application`), 'the colleague’s claim');
    await page.keyboard.press('a');
    await visible(page.getByRole('alert').getByText('Another reviewer is working on this one'), 'the refusal notice');
    check((await page.getByRole('dialog').count()) === 0, 'no confirmation opens for a colleague’s application');
    await t.shot('colleague-claim');

    // u: back to the queue, whose counts have moved.
    await page.keyboard.press('u');
    await visible(
      page
        .getByTestId('queue-counts')
        .getByTestId('count-decidedByMeToday')
        .getByText(/^[2-9]\d* by you today$|^\d{2,} by you today$/),
      'the live count of today’s decisions',
    );
    await t.shot('queue-after');
    t.noApiErrors(['409 POST /api/applications/']);
  });

  walkthrough('queues: a curator works the nomination queue with the keyboard only', async (t) => {
    const { page } = t;
    const curator = await token('curator');
    const pending = await pendingOf('nominations', { claimed: false }, curator, ['nominatedAt', 'ASC']);
    check(pending.length >= 3, `the demo data has at least 3 pending nominations (got ${pending.length})`);
    await signInByKeyboard(t, 'curator');
    await openQueue(t, 'nominations', { status: 'pending' });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 1440, `the queue fits the window (scroll width ${width} px)`);
    await t.shot('queue');
    await page.keyboard.press('Shift+Slash');
    await visible(page.getByRole('dialog').getByText('Nomination queue: keys'), 'the shortcut help');
    await page.keyboard.press('Escape');

    // x on two rows, Shift+D: reason, Ctrl+Enter, the preview; Esc writes nothing.
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('Shift+D');
    await visible(page.getByRole('dialog').getByText('Decline 2 selected nominations'), 'the bulk decline dialog');
    await page.keyboard.press('Control+Enter');
    await visible(
      page.getByTestId('bulk-preview').getByText('2 will be declined, 0 skipped. Nothing has changed yet.'),
      'the bulk decline preview',
    );
    await t.shot('bulk-preview');
    await page.keyboard.press('Escape');
    check((await get(`nominations/${pending[0].id}`, curator)).status === 'pending', 'the preview declined nothing');
    await page.keyboard.press('x');
    await page.keyboard.press('k');
    await page.keyboard.press('x');

    // n: the oldest free nomination opens, claimed.
    await page.keyboard.press('n');
    await visible(page.getByTestId('claim-banner').getByText('You are reviewing this nomination'), 'the claim banner');
    const first = idInUrl(page, 'nominations');
    check(first === pending[0].id, `n opened the oldest free nomination ${pending[0].id} (got ${first})`);
    await t.shot('claimed');

    // a (boost) → Enter; the next one opens.
    await page.keyboard.press('a');
    await visible(page.getByRole('dialog').getByText(/^Boost “/), 'the boost confirmation');
    await t.shot('boost-confirm');
    await page.keyboard.press('Enter');
    await until('the next nomination to open', async () => idInUrl(page, 'nominations') !== first, 15_000);
    const boosted = await get(`nominations/${first}`, curator);
    check(
      boosted.status === 'boosted' && boosted.boostId && boosted.claimedBy === null,
      `${first} boosted, claim ended (got ${boosted.status})`,
    );

    // r (decline): "other" needs a note; the reason is picked with the keyboard.
    const second = idInUrl(page, 'nominations');
    await visible(page.getByTestId('claim-banner').getByText('You are reviewing this nomination'), `${second} claimed`);
    await page.keyboard.press('r');
    await visible(page.getByRole('dialog').getByText(/^Decline “/), 'the decline dialog');
    await page.keyboard.type('Off-topic for the boost programme (keyboard walkthrough).');
    await t.shot('decline-dialog');
    await page.keyboard.press('Control+Enter');
    await until(
      'the nomination after the declined one',
      async () => idInUrl(page, 'nominations') !== second || page.url().endsWith('#/nominations'),
      15_000,
    );
    const declined = await get(`nominations/${second}`, curator);
    check(
      declined.status === 'declined' && declined.declineReason === 'clickbait',
      `${second} declined (got ${declined.status} ${declined.declineReason})`,
    );
    await t.shot('after-decline');
    await page.keyboard.press('u');
    await visible(page.getByTestId('queue-counts').getByTestId('count-decidedByMeToday'), 'the queue with its counts');
    t.noApiErrors();
  });

  walkthrough('queues: an admin opens the queue dashboard from the menu (under a strict CSP); others are refused', async (t) => {
    const { page } = t;
    // helmet's default policy (without upgrade-insecure-requests, this being plain http), applied
    // when the server sends none, so the board is proven to work under it either way.
    const STRICT =
      "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline'";
    const policies = [];
    await page.route('**/api/queues/**', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      if (!headers['content-security-policy']) headers['content-security-policy'] = STRICT;
      policies.push(headers['content-security-policy']);
      await route.fulfill({ response, headers });
    });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });

    // Not signed in: the board answers 401 with a way back.
    await page.goto(`${t.base}/api/queues/`);
    await visible(page.getByText('Open it from the console'), 'the 401 page of the board');

    await page.goto(`${t.base}/#/login`);
    await page.locator('input[name="username"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await visible(page.locator('input[name="code"]'), 'the code step of the sign-in');
    await page.locator('input[name="code"]').fill(await codeFor(ADMIN.email));
    await page.keyboard.press('Enter');
    await visible(page.getByRole('menuitem', { name: 'Queue dashboard', exact: true }), 'the admin menu entry');
    await page.getByRole('menuitem', { name: 'Queue dashboard', exact: true }).click();
    await until('the board to open', async () => new URL(page.url()).pathname.startsWith('/api/queues'), 15_000);
    for (const queue of ['payouts', 'referrals', 'intake'])
      await visible(page.getByText(queue, { exact: true }), `the ${queue} queue on the board`);
    await t.shot('board');
    check(
      policies.length > 0 && policies.every((p) => /script-src 'self'/.test(p)),
      `the board was served under a script-src 'self' policy (${policies[0]})`,
    );
    const violations = (await page.evaluate(() => window.__cspViolations)).filter((v) => v.startsWith('script-src'));
    check(violations.length === 0, `no script blocked by the policy: ${violations.join('; ')}`);

    // A reviewer has no menu entry, and the API refuses them the board session and the board.
    const reviewer = await token('reviewer');
    check(
      (await env.api.call('POST', 'queue-board/session', { token: reviewer })).status === 403,
      'a reviewer is refused a board session (403)',
    );
    check((await env.api.call('GET', 'queues/api/queues', { token: reviewer })).status === 403, 'a reviewer is refused the board (403)');
  });
}
