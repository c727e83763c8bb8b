// Two-factor in the console (issue 15, acceptance 3): a finance person enrols from the profile
// page, signs in with a code, approves a run through the step-up dialog and downloads the
// payout file; an admin resets their factor. Screenshots of each step.
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { ADMIN, STAFF_PASSWORD, TOTP, codeFor, until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { enterCode } from './walkthroughs.mjs';

async function signIn(page, base, email, password) {
  await page.goto(`${base}/#/login`);
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, email);
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await visible(page.locator('input[name="username"]'), 'the sign-in page after signing out');
}

/** Ends the step-up window of the browser's session (as five minutes would), so the next money action asks again. */
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

export function defineTwoFactorWalkthroughs({ walkthrough, env }) {
  walkthrough(
    'finance enrols two-factor, signs in with a code, approves a run through the step-up dialog, downloads the payout file; an admin resets the factor',
    async (t) => {
      const { page } = t;
      const who = { email: `twofactor-${Date.now()}@demo.example`, name: 'Tess Twofactor' };
      const created = await env.api.call('POST', 'staff-users', {
        token: env.adminToken,
        body: { ...who, roles: ['finance'], password: STAFF_PASSWORD },
      });
      check(created.status === 201, `creating ${who.email}: ${created.status}`);
      const starter = await env.api.login('finance@demo.example', STAFF_PASSWORD);
      const [computed] = (await env.api.get(env.api.list('payout-runs', { filter: { status: 'computed' }, range: [0, 0] }), starter)) ?? [];
      // A run to approve, computed (again) with the current parameters by the other finance person
      // (the screen tour changes the parameters, which makes an earlier computation stale).
      const period = computed?.period ?? env.periods.earlier;
      const restarted = await env.api.call('POST', 'payout-runs', { token: starter, body: { period } });
      check(restarted.status === 202, `computing ${period}: ${restarted.status} ${JSON.stringify(restarted.json)}`);
      const run = await until(
        `the ${period} run to be computed`,
        async () => {
          const [r] = await env.api.get(env.api.list('payout-runs', { filter: { period }, range: [0, 0] }), starter);
          return r?.status === 'computed' && r.attempt > (computed?.attempt ?? 0) ? r : null;
        },
        180_000,
        250,
      );

      // 1. Without a factor, finance can only enrol: the console goes to the profile page.
      await signIn(page, t.base, who.email, STAFF_PASSWORD);
      await visible(page.getByRole('button', { name: 'Set up two-factor' }), 'the enrolment on the profile page');
      await t.shot('enrol-required');
      await page.getByRole('button', { name: 'Set up two-factor' }).click();
      await visible(page.getByTestId('enrolment-qr').locator('svg'), 'the QR code');
      const secret = (await page.getByTestId('enrolment-secret').textContent()).trim();
      await t.shot('enrol-qr');
      await page.locator('input[name="enrol-code"]').fill(await codeFor(who.email, secret));
      await page.getByRole('button', { name: 'Turn on two-factor' }).click();
      const codes = await visible(page.getByTestId('recovery-codes'), 'the recovery codes, shown once');
      check(((await codes.textContent()).match(/[a-z2-7]{5}-[a-z2-7]{5}/g) ?? []).length === 10, 'ten recovery codes');
      await t.shot('recovery-codes');
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await visible(page.getByTestId('second-factor-status'), 'two-factor on');
      TOTP[who.email] = secret;

      // 2. Sign in again: password, then a code.
      await signOut(page);
      await page.locator('input[name="username"]').fill(who.email);
      await page.locator('input[name="password"]').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await visible(page.locator('input[name="code"]'), 'the code step');
      await t.shot('code-step');
      await page.locator('input[name="code"]').fill(await codeFor(who.email));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await visible(page.getByRole('button', { name: 'Profile' }).getByText(who.name), `${who.name} signed in`);

      // 3. Approve through the step-up dialog (the sign-in's confirmation has expired), then the payout file.
      await page.goto(`${t.base}/#/payout-runs/${run.id}/show`);
      await visible(page.getByRole('button', { name: 'Approve' }), 'the run page');
      await expireStepUp(env, page);
      await page.getByRole('button', { name: 'Approve…' }).click();
      await page.getByRole('dialog').filter({ hasText: 'What changes when you approve' }).getByTestId('confirm').click();
      const stepUp = await visible(page.getByRole('dialog').filter({ hasText: 'Confirm with your authenticator' }), 'the step-up dialog');
      await t.shot('step-up-dialog');
      await stepUp.locator('input[name="step-up-code"]').fill(await codeFor(who.email));
      await stepUp.getByRole('button', { name: 'Confirm' }).click();
      await visible(page.getByTestId('run-status').getByText('approved'), 'the run approved after the step-up');
      await t.shot('approved');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Payout file' }).click()]);
      const csv = await readFile(await download.path(), 'utf8');
      check(csv.startsWith('author,payout_account,amount_cents,currency,statement_id'), `the payout file (got ${csv.slice(0, 60)})`);
      const approved = await env.api.get(`payout-runs/${run.id}`, starter);
      check(approved.status === 'approved' && approved.approvedByEmail === who.email, `the API has the run approved by ${who.email}`);

      // 4. An admin resets the factor, with a reason; the account must enrol again.
      await signOut(page);
      await signIn(page, t.base, ADMIN.email, ADMIN.password);
      await visible(page.getByRole('button', { name: 'Profile' }).getByText('Administrator'), 'the admin signed in');
      await page.goto(`${t.base}/#/staff-users/${created.json.id}`);
      await page.getByRole('button', { name: 'Reset two-factor' }).click();
      await page.getByRole('dialog').locator('input[name="reason"]').fill('lost phone (browser test)');
      await t.shot('reset-dialog');
      await page.getByRole('dialog').getByRole('button', { name: 'Reset two-factor' }).click();
      await visible(page.getByText(`Two-factor reset for ${who.email}`), 'the reset notice');
      await t.shot('reset-done');
      const again = await env.api.call('POST', 'auth/login', { body: { email: who.email, password: STAFF_PASSWORD } });
      check(
        again.status === 200 && again.json.secondFactor.enrolled === false,
        `the account enrols again (got ${again.status} ${JSON.stringify(again.json.secondFactor)})`,
      );
      t.noApiErrors(['403 POST /api/payout-runs/', '403 GET /api/']);
    },
  );
}
