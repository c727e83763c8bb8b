// What the console walkthroughs share: signing in, finding menu entries, rows and dialogs, the
// API's first row of a list, and each run's context (role tokens, a computed run of a period).
import { ADMIN, STAFF, STAFF_PASSWORD, TOTP, codeFor, until } from './environment.mjs';
import { check, visible } from './kit.mjs';

export const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);

/**
 * Signs out through the user menu (when signed in), then in through the login page. React-admin
 * returns to the page the previous user left (else the dashboard): wait for the new user's name.
 */
export async function signIn(t, who) {
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

export const menu = (page, name) => page.getByRole('menuitem', { name, exact: true });
export const alertWith = (page, text) => page.getByRole('alert').filter({ hasText: text });
export const dialog = (page) => page.getByRole('dialog');
/** A data row whose cells include one with exactly this text. */
export const rowWithCell = (page, text) => page.locator('tbody tr').filter({ has: page.getByRole('cell', { name: text, exact: true }) });

/** The API's list of a resource, as a staff member (setup and cross-checks). */
export async function first(env, token, resource, filter, sort) {
  const rows = await env.api.get(env.api.list(resource, { filter, sort, range: [0, 0] }), token);
  return rows[0];
}

/** The state the walkthroughs of one run share: tokens per role and the payout runs they need. */
export function walkthroughContext(env) {
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

  /** An approved (or paid) run of the period: computed as ensureRun does, then approved by the other finance person (four eyes). */
  async function ensureFinalRun(period) {
    const run = await ensureRun(period);
    if (run.status !== 'computed') return run;
    const approved = await env.api.call('POST', `payout-runs/${run.id}/approve`, { token: await token('approver'), body: {} });
    check(approved.status === 200, `approving ${period}: ${approved.status} ${JSON.stringify(approved.json)}`);
    return approved.json;
  }
  return { token, periods, ensureRun, ensureFinalRun };
}
