// Sessions in the console (issue 12, acceptance 4): signed out, `/` and a deep link reach the
// sign-in form at once with at most one navigation to it, and sign-in returns to the deep link;
// a session that ends on the server takes the user to sign-in and back to the page they were on.
import { STAFF, STAFF_PASSWORD } from './environment.mjs';
import { check, visible } from './kit.mjs';

/** Counts every navigation to #/login (history API or hash assignment), from before the app starts. */
async function countLoginNavigations(page) {
  await page.addInitScript(() => {
    window.__loginNavigations = 0;
    const isLogin = (url) => String(url ?? window.location.href).includes('#/login');
    for (const name of ['pushState', 'replaceState']) {
      const original = window.history[name].bind(window.history);
      window.history[name] = (state, title, url) => {
        if (url !== undefined && isLogin(new URL(url, window.location.href).href)) window.__loginNavigations += 1;
        return original(state, title, url);
      };
    }
    window.addEventListener('hashchange', (e) => {
      if (isLogin(e.newURL)) window.__loginNavigations += 1;
    });
  });
}

async function signInForm(t, path, what) {
  const { page } = t;
  const started = Date.now();
  await page.goto(`${t.base}/${path}`);
  await visible(page.locator('input[name="username"]'), `the sign-in form for ${what}`);
  const ms = Date.now() - started;
  const navigations = await page.evaluate(() => window.__loginNavigations);
  check(navigations <= 1, `${what}: ${navigations} navigations to #/login (at most 1)`);
  console.log(`    ${what}: sign-in form after ${ms} ms, ${navigations} navigation(s) to #/login`);
  return ms;
}

async function submit(page, who) {
  await page.locator('input[name="username"]').fill(STAFF[who].email);
  await page.locator('input[name="password"]').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('button', { name: 'Profile' }).getByText(STAFF[who].name), `${STAFF[who].name} signed in`);
}

export function defineSessionWalkthroughs({ walkthrough, env }) {
  walkthrough('signed out: / and a deep link reach sign-in at once, and sign-in returns to the deep link', async (t) => {
    const { page } = t;
    await countLoginNavigations(page);
    await signInForm(t, '', '/');
    await t.shot('signed-out-root');
    await page.evaluate(() => (window.__loginNavigations = 0));
    const deep = '#/tickets?filter=%7B%22status%22%3A%22open%22%7D';
    await signInForm(t, deep, 'a deep link');
    await submit(page, 'support');
    await visible(page.locator('tbody tr'), 'the tickets list of the deep link');
    check(
      page.url().includes('#/tickets') && decodeURIComponent(page.url()).includes('"status":"open"'),
      `back at the deep link: ${page.url()}`,
    );
    await t.shot('back-at-the-deep-link');
    t.noApiErrors();
  });

  walkthrough('a session ended on the server takes the user to sign-in, then back to the page they were on', async (t) => {
    const { page } = t;
    await page.goto(`${t.base}/#/login`);
    await submit(page, 'support');
    await page.goto(`${t.base}/#/tickets`);
    await visible(page.locator('tbody tr'), 'the tickets list');
    // The session ends elsewhere (as after an idle timeout or a password change): logout with this token.
    const token = await page.evaluate(() => localStorage.getItem('ppc.token'));
    check((await env.api.call('POST', 'auth/logout', { token })).status === 204, 'the session was ended through the API');
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await visible(page.locator('input[name="username"]'), 'the sign-in form after the session ended');
    await t.shot('session-ended');
    await submit(page, 'support');
    await visible(page.locator('tbody tr'), 'the tickets list again');
    check(page.url().includes('#/tickets'), `back on the page: ${page.url()}`);
    await t.shot('back-on-the-page');
    t.noApiErrors(['401 GET /api/tickets', '401 GET /api/']);
  });
}
