/* global NodeFilter, getComputedStyle */
// Lists crafted for all-day use (issue 16): every list fits a 1280 px screen without
// horizontal scrolling (its pagination in view), counts and durations formatted, the
// dashboard's run and ticket items, the favicon, and a designed CSV export.
import { readFile } from 'node:fs/promises';
import { ADMIN, STAFF, STAFF_PASSWORD, until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { enterCode } from './walkthroughs.mjs';
import { signIn } from './craft.mjs';

/** Every resource list of the console (App.tsx), as the admin sees them. */
export const LISTS = [
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

/**
 * What a page shows wrongly: counts of four digits or more without thousands separators
 * (a bare 336077: seconds shown raw, or a count), and negative amounts whose minus sign may
 * wrap away from the digits (their text is not kept on one line).
 */
export async function numbersOnScreen(page, root = 'main') {
  return page.evaluate((rootSel) => {
    const raw = [];
    const wrapping = [];
    const scope = document.querySelector(rootSel) ?? document.body;
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent;
      const el = n.parentElement;
      if (!el || el.closest('input, textarea, pre, code, [data-raw-number]')) continue;
      // not part of a date, time, period, id or decimal: 2026-11-30, 04:50, m4295, 0.000001
      for (const m of text.matchAll(/(?<![\w.,:/#-])\d{4,}(?![\w.,:/-])/g)) raw.push(`${m[0]} in "${text.trim().slice(0, 60)}"`);
      if (/[−-]\$\d/.test(text)) {
        let nowrap = false;
        for (let e = el; e && e !== scope.parentElement; e = e.parentElement)
          if (/nowrap|pre/.test(getComputedStyle(e).whiteSpace)) {
            nowrap = true;
            break;
          }
        if (!nowrap) wrapping.push(text.trim().slice(0, 60));
      }
    }
    return { raw, wrapping };
  }, root);
}

/** The lists whose rows open a show page. */
const SHOWN = LISTS.filter((r) => !['countries', 'referral-credits', 'referral-credit-totals', 'staff-users', 'audit-log'].includes(r));

async function signInAdmin(t) {
  const { page } = t;
  await page.goto(`${t.base}/#/login`);
  await page.locator('input[name="username"]').fill(ADMIN.email);
  await page.locator('input[name="password"]').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, ADMIN.email);
  await visible(page.getByRole('button', { name: 'Profile' }), 'the admin signed in');
}

export function defineListsWalkthroughs({ walkthrough, env }) {
  const tokens = {};
  const token = async (who) => (tokens[who] ??= await env.api.login(STAFF[who].email, STAFF_PASSWORD));
  const first = async (tk, resource, filter) => (await env.api.get(env.api.list(resource, { filter, range: [0, 0] }), tk))[0];

  /** A computed (or later) run of the earlier demo period, so that the money lists have rows (as in walkthroughs.mjs). */
  async function ensureRun(period) {
    const finance = await token('finance');
    const existing = await first(finance, 'payout-runs', { period });
    if (!existing || existing.status === 'failed') {
      const r = await env.api.call('POST', 'payout-runs', { token: finance, body: { period } });
      check(r.status === 202, `starting the ${period} run: ${r.status} ${JSON.stringify(r.json)}`);
    }
    return until(
      `the ${period} run to be computed`,
      async () => {
        const run = await first(finance, 'payout-runs', { period });
        if (run?.status === 'failed') throw new Error(`the ${period} run failed: ${run.error}`);
        return ['computed', 'approved', 'paid'].includes(run?.status) ? run : null;
      },
      180_000,
      250,
    );
  }

  walkthrough('lists: every list fits 1280 px without horizontal scrolling, its pagination in view', async (t) => {
    const { page } = t;
    await ensureRun(env.periods.earlier);
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAdmin(t);
    const wide = [];
    const unformatted = [];
    const shows = [];
    for (const resource of LISTS) {
      // every record (no default filter): the widest rows of each list
      await page.goto(`${t.base}/#/${resource}?filter=${encodeURIComponent('{}')}`);
      await visible(page.locator('.RaList-main'), `the ${resource} list`);
      await visible(page.locator('.RaList-content tbody tr, .RaEmpty-message, .RaList-noResults').first(), `rows of ${resource}`);
      const width = await page.evaluate(() => {
        // The page itself, and any inner box that scrolls sideways (a table in a scrolling wrapper).
        let w = document.scrollingElement.scrollWidth;
        for (const el of document.querySelectorAll('.RaList-main *')) {
          const style = getComputedStyle(el);
          if (/(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
            w = Math.max(w, Math.round(el.getBoundingClientRect().left + el.scrollWidth));
        }
        return w;
      });
      const pagination = page.locator('.MuiTablePagination-root');
      let paginationInView = true;
      if ((await pagination.count()) > 0) {
        const box = await pagination.first().evaluate((el) => {
          const r = el.getBoundingClientRect();
          const actions = el.querySelector('.MuiTablePagination-actions, nav, .MuiPagination-root') ?? el;
          const a = actions.getBoundingClientRect();
          return { right: Math.max(r.right, a.right), width: r.width };
        });
        paginationInView = box.width > 0 && box.right <= 1280;
      }
      await t.shot(resource);
      const shown = await numbersOnScreen(page, '.RaList-main');
      if (shown.raw.length) unformatted.push(`${resource} list: ${shown.raw.slice(0, 3).join('; ')}`);
      if (shown.wrapping.length) unformatted.push(`${resource} list, amounts that may wrap: ${shown.wrapping.slice(0, 3).join('; ')}`);
      if (SHOWN.includes(resource) && (await page.locator('.RaList-content tbody tr').count()) > 0) shows.push(resource);
      console.log(`    ${resource}: scrollWidth ${width}${paginationInView ? '' : ', pagination out of view'}`);
      if (width > 1280 || !paginationInView) wide.push(`${resource} (${width} px${paginationInView ? '' : ', pagination out of view'})`);
    }
    await t.shot('last-list');
    check(wide.length === 0, `lists wider than 1280 px: ${wide.join(', ')}`);
    // The show page of each list's first row.
    for (const resource of shows) {
      await page.goto(`${t.base}/#/${resource}?filter=${encodeURIComponent('{}')}`);
      await page.locator('.RaList-content tbody tr').first().click();
      await visible(page.locator('.RaShow-main, .RaEdit-main').first(), `the show page of the first ${resource} row`);
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
      if (width > 1280) wide.push(`${resource} show page (${width} px)`);
      const shown = await numbersOnScreen(page, '#main-content');
      if (shown.raw.length) unformatted.push(`${resource} show: ${shown.raw.slice(0, 3).join('; ')}`);
      if (shown.wrapping.length) unformatted.push(`${resource} show, amounts that may wrap: ${shown.wrapping.slice(0, 3).join('; ')}`);
    }
    console.log(`    show pages checked: ${shows.join(', ')}`);
    // The pages that are not lists: the dashboard, an earnings explanation, writer referrals (the queue board opens Bull Board).
    const finance = await token('finance');
    const earning = await first(finance, 'story-earnings', { period: env.periods.earlier });
    const pages = {
      dashboard: '',
      explanation: `explanations/${earning.authorId}/${earning.period}`,
      'writer referrals': 'writer-referrals',
    };
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${t.base}/#/${path}`);
      await visible(page.locator('#main-content'), `the ${name} page`);
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
      if (width > 1280) wide.push(`${name} page (${width} px)`);
      const shown = await numbersOnScreen(page, '#main-content');
      if (shown.raw.length) unformatted.push(`${name}: ${shown.raw.slice(0, 3).join('; ')}`);
      if (shown.wrapping.length) unformatted.push(`${name}, amounts that may wrap: ${shown.wrapping.slice(0, 3).join('; ')}`);
    }
    check(wide.length === 0, `show pages wider than 1280 px: ${wide.join(', ')}`);
    check(unformatted.length === 0, `numbers shown unformatted:\n      ${unformatted.join('\n      ')}`);
    t.noApiErrors();
  });

  walkthrough('lists: the favicon is served (the page icon and /favicon.ico)', async (t) => {
    const { page } = t;
    const failed = [];
    page.on('response', (r) => {
      if (/favicon/.test(r.url()) && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${t.base}/#/login`);
    await visible(page.locator('input[name="username"]'), 'the sign-in form');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    check(href, 'the page names its icon');
    for (const url of [new URL(href, `${t.base}/`).href, `${t.base}/favicon.ico`]) {
      const r = await page.request.get(url);
      check(r.status() === 200, `${url}: ${r.status()}`);
      check(/^image\//.test(r.headers()['content-type'] ?? ''), `${url} is an image (${r.headers()['content-type']})`);
    }
    check(failed.length === 0, `favicon requests failed: ${failed.join(', ')}`);
  });

  walkthrough('lists: the story earnings CSV export downloads the designed columns (dollars and µ$)', async (t) => {
    const { page } = t;
    await ensureRun(env.periods.earlier);
    await signInAdmin(t);
    await page.goto(`${t.base}/#/story-earnings?filter=${encodeURIComponent(JSON.stringify({ period: env.periods.earlier }))}`);
    await visible(page.locator('.RaList-content tbody tr').first(), 'the story earnings of the month');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    const text = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = text.trimEnd().split('\r\n');
    const columns = header.split(',');
    const expected = ['Period', 'Story id', 'Story', 'Author id', 'Author', 'Reading time (USD)', 'Reading time (µ$)'];
    check(
      expected.every((c, i) => columns[i] === c),
      `the export starts with ${expected.join(', ')} (got ${columns.slice(0, 8).join(', ')})`,
    );
    for (const c of ['Rounding to the cent (USD)', 'Earnings (USD)', 'Earnings (µ$)', 'Member reading time (seconds)', 'Run'])
      check(columns.includes(c), `the export has the column ${c}`);
    check(columns.length < 40 && new Set(columns).size === columns.length, `${columns.length} distinct columns`);
    const finance = await token('finance');
    const total = await env.api.call('GET', env.api.list('story-earnings', { filter: { period: env.periods.earlier }, range: [0, 0] }), {
      token: finance,
    });
    const count = Number(total.headers.get('content-range')?.split('/')[1]);
    check(rows.length === count, `one row per story earning: ${rows.length} rows, ${count} records`);
    const first = rows[0].split(',');
    const dollars = first[columns.indexOf('Earnings (USD)')];
    const micros = first[columns.indexOf('Earnings (µ$)')];
    check(/^-?\d+\.\d{2}$/.test(dollars) && /^-?\d+$/.test(micros), `earnings in dollars (${dollars}) and µ$ (${micros})`);
    t.noApiErrors();
  });

  walkthrough(
    'lists: the dashboard says which runs wait to be marked paid (never 0 paid authors) and what is assigned to me',
    async (t) => {
      const { page } = t;
      const finance = await token('finance');
      // An approved run (approved by the second finance person: four eyes), unless one is approved already.
      let [approved] = await env.api.get(env.api.list('payout-runs', { filter: { status: 'approved' }, range: [0, 0] }), finance);
      if (!approved) {
        const run = await ensureRun(env.periods.earlier);
        if (run.status === 'computed') {
          const r = await env.api.call('POST', `payout-runs/${run.id}/approve`, { token: await token('approver') });
          check(r.status === 200, `approving ${run.period}: ${r.status} ${JSON.stringify(r.json)}`);
        }
        [approved] = await env.api.get(env.api.list('payout-runs', { filter: { status: 'approved' }, range: [0, 0] }), finance);
      }
      check(approved, 'an approved run waits to be marked paid');
      const waiting = await env.api.call('GET', env.api.list('payout-runs', { filter: { status: 'approved' }, range: [0, 0] }), {
        token: finance,
      });
      const waitingCount = waiting.headers.get('content-range').split('/')[1];

      await signIn(t, 'finance');
      const tile = page.getByTestId('tile-mark-paid');
      await visible(tile.getByTestId('count').getByText(waitingCount, { exact: true }), `${waitingCount} runs waiting to be marked paid`);
      await visible(
        tile.getByText(new RegExp(`${approved.period}: [\\d,]+ authors, \\$[\\d,]+\\.\\d{2}`)),
        `${approved.period} in the tile`,
      );
      const row = page.getByTestId(`period-${approved.period}`);
      await visible(row.getByText('approved, waiting to be marked paid'), `${approved.period} marked as waiting in the period table`);
      const cells = await row.locator('td').allTextContents();
      check(!cells.includes('0'), `an approved run shows no 0 paid authors: ${cells.join(' | ')}`);
      check(
        cells.filter((c) => c.endsWith('waiting to be marked paid')).length === 3,
        `status, paid out and paid authors say "waiting to be marked paid": ${cells.join(' | ')}`,
      );
      await t.shot('finance-dashboard');

      // Support: an open ticket assigned to the signed-in person (made here), counted on the dashboard.
      const support = await token('support');
      const me = await env.api.get('auth/me', support);
      const [ticket] = await env.api.get(env.api.list('tickets', { filter: {}, range: [0, 0] }), support);
      const made = await env.api.call('POST', 'tickets', {
        token: support,
        body: {
          memberId: ticket.memberId,
          category: ticket.category,
          subject: 'Assigned for the dashboard walkthrough',
          body: 'A question.',
          assigneeId: me.id,
        },
      });
      check(made.status === 201, `a ticket assigned to ${me.email}: ${made.status} ${JSON.stringify(made.json)}`);
      const mine = await env.api.call('GET', env.api.list('tickets', { filter: { status: 'open', assigneeId: me.id }, range: [0, 0] }), {
        token: support,
      });
      const mineCount = mine.headers.get('content-range').split('/')[1];
      check(Number(mineCount) >= 1, `open tickets assigned to ${me.email}: ${mineCount}`);
      await signOutAndIn(t, 'support');
      const assigned = page.getByTestId('tile-assigned');
      await visible(assigned.getByTestId('count').getByText(mineCount, { exact: true }), `${mineCount} tickets assigned to me`);
      await assigned.click();
      await visible(
        page.locator('.RaList-content tbody tr').filter({ hasText: 'Assigned for the dashboard walkthrough' }),
        'my ticket in the list the tile opens',
      );
      const rows = await page.locator('.RaList-content tbody tr').count();
      check(rows === Number(mineCount), `the list shows my ${mineCount} tickets (${rows} rows)`);
      t.noApiErrors();
    },
  );
}

async function signOutAndIn(t, who) {
  await t.page.getByRole('button', { name: 'Profile' }).click();
  await t.page.getByRole('menuitem', { name: 'Logout' }).click();
  await visible(t.page.locator('input[name="username"]'), 'the sign-in page after signing out');
  await signIn(t, who);
}
