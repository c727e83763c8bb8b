// Forms and messages for all-day use (issue 16, forms): values in words and units, rules the
// form checks before the server has to refuse, confirmations saying what will change, the
// audit log as a diff. Each walkthrough makes its own records or puts back what it changed.
import { ADMIN, STAFF, STAFF_PASSWORD } from './environment.mjs';
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
}
