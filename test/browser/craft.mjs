// The console crafted for all-day use (issue 16): money that adds up on screen, forms and
// messages in words, confirmations, lists that fit, designed exports. Each walkthrough reads
// the demo data without changing what other walkthroughs use (or makes its own records).
import { STAFF, STAFF_PASSWORD } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { enterCode } from './walkthroughs.mjs';

const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);

export async function signIn(t, who) {
  const { page } = t;
  const { email } = STAFF[who];
  await page.goto(`${t.base}/#/login`);
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, email);
  await visible(page.getByRole('button', { name: 'Profile' }).getByText(STAFF[who].name), `${STAFF[who].name} signed in`);
}

export async function signOut(t) {
  await t.page.getByRole('button', { name: 'Profile' }).click();
  await t.page.getByRole('menuitem', { name: 'Logout' }).click();
  await visible(t.page.locator('input[name="username"]'), 'the sign-in page after signing out');
}

/** Cents of a shown amount: "$1,234.56", "−$0.12", "+$3.00". */
export function centsOf(text) {
  const m = /^([+−-]?)\$([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const cents = BigInt(m[2].replace(/,/g, '')) * 100n + BigInt(m[3]);
  return m[1] === '−' || m[1] === '-' ? -cents : cents;
}

/**
 * Every money breakdown on the page (`data-breakdown`): its shown parts add up to its shown
 * whole (inside, `data-role="whole"`, or the element named by `data-whole-testid`).
 * Returns how many were checked.
 */
export async function breakdownsAddUp(page, where) {
  const found = await page.locator('[data-breakdown]').evaluateAll((nodes) =>
    nodes.map((n) => {
      const amount = (el) => (el.querySelector('[data-amount]') ?? el).textContent;
      const parts = [...n.querySelectorAll('[data-role="part"]')].map(amount);
      const wholeId = n.getAttribute('data-whole-testid');
      const wholeEl = wholeId ? document.querySelector(`[data-testid="${wholeId}"]`) : n.querySelector('[data-role="whole"]');
      return { parts, whole: wholeEl ? amount(wholeEl) : null, text: n.textContent.slice(0, 120) };
    }),
  );
  for (const b of found) {
    check(b.whole !== null, `${where}: a breakdown without its whole (${b.text})`);
    const sum = b.parts.reduce((a, p) => a + centsOf(p), 0n);
    check(sum === centsOf(b.whole), `${where}: shown parts ${b.parts.join(' + ')} = ${sum} cents, shown whole ${b.whole}`);
  }
  return found.length;
}

export function defineCraftWalkthroughs({ walkthrough, env }) {
  const tokens = {};
  const token = async (who) => (tokens[who] ??= await env.api.login(STAFF[who].email, STAFF_PASSWORD));
  const list = (resource, filter, sort, range = [0, 9]) => env.api.list(resource, { filter, sort, range });

  walkthrough('craft: the shown parts of every money breakdown add up to the shown whole', async (t) => {
    const { page } = t;
    const support = await token('support');
    const finance = await token('finance');
    const tickets = (await env.api.get(list('tickets', { category: 'earnings_drop' }, ['id', 'ASC'], [0, 99]), support)).filter(
      (x) => x.period,
    );
    check(tickets.length >= 2, `the demo has earnings tickets with a period (got ${tickets.length})`);
    let checked = 0;
    await signIn(t, 'support');
    for (const ticket of tickets) {
      await page.goto(`${t.base}/#/tickets/${ticket.id}/show`);
      await visible(page.getByTestId('explanation').getByTestId('causes'), `the explanation of ${ticket.id}`);
      await visible(page.getByTestId('explanation-statement').or(page.getByText(/^No statement for/)), `the statement of ${ticket.id}`);
      checked += await breakdownsAddUp(page, `ticket ${ticket.id}`);
    }
    await t.shot('explanation');
    check(checked >= tickets.length * 2, `breakdowns checked on the explanations: ${checked}`);

    // Statements with sub-cent lines, story earnings and the runs, as finance.
    await signOut(t);
    await signIn(t, 'finance');
    // The statements and story rows whose lines, each rounded, would not add up by themselves (and two that do).
    const { roundCentsHalfEven } = await dist('libs/core/src/money/money.js');
    const gap = (parts, whole) => roundCentsHalfEven(BigInt(whole)) - parts.reduce((a, p) => a + roundCentsHalfEven(BigInt(p)), 0n);
    const pickGaps = (rows, gapOf) => [
      ...rows.filter((r) => gapOf(r) !== 0n).slice(0, 6),
      ...rows.filter((r) => gapOf(r) === 0n).slice(0, 2),
    ];
    const allStatements = await env.api.get(list('statements', {}, ['balanceMicros', 'DESC'], [0, 499]), finance);
    const statementGap = (s) =>
      gap([s.openingMicros, s.storyEarningsMicros, s.referralEarningsMicros, s.adjustmentsMicros], s.balanceMicros);
    const statements = pickGaps(allStatements, statementGap);
    check(
      statements.some((s) => statementGap(s) !== 0n),
      'the demo has statements whose rounded lines do not add up by themselves',
    );
    for (const s of statements) {
      await page.goto(`${t.base}/#/statements/${s.id}/show`);
      await visible(page.getByTestId('statement-lines'), `statement ${s.id}`);
      check((await breakdownsAddUp(page, `statement ${s.id}`)) === 2, `statement ${s.id}: two breakdowns`);
      if (statementGap(s) !== 0n) {
        await visible(page.getByTestId('statement-lines').getByText('Rounding to the cent'), `the rounding line of ${s.id}`);
        await t.shot('statement-rounding');
      }
    }
    const allRows = await env.api.get(list('story-earnings', {}, ['earningsMicros', 'DESC'], [0, 499]), finance);
    const rowGap = (r) =>
      gap(
        [r.readingTimeMicros, r.engagementMicros, r.readRatioAdjustmentMicros, r.followerBonusMicros, r.boostBonusMicros],
        r.earningsMicros,
      );
    const rows = pickGaps(allRows, rowGap);
    check(
      rows.some((r) => rowGap(r) !== 0n),
      'the demo has story earnings whose rounded parts do not add up by themselves',
    );
    for (const r of rows) {
      await page.goto(`${t.base}/#/story-earnings/${encodeURIComponent(r.id)}/show`);
      await visible(page.locator('[data-breakdown]'), `story earnings ${r.id}`);
      await breakdownsAddUp(page, `story earnings ${r.id}`);
    }
    const runs = await env.api.get(list('payout-runs', {}, ['period', 'DESC'], [0, 9]), finance);
    for (const r of runs.filter((x) => x.poolMicros !== null)) {
      await page.goto(`${t.base}/#/payout-runs/${r.id}/show`);
      await visible(page.locator('[data-breakdown]'), `run ${r.period}`);
      await breakdownsAddUp(page, `run ${r.period}`);
    }
    t.noApiErrors();
  });
}
