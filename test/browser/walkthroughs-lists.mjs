// Every list (sort, search, page, CSV) and the screen tour, last: the tour changes the earnings parameters.
import { readFile } from 'node:fs/promises';
import { check, hidden, visible } from './kit.mjs';
import { dist, first, signIn } from './walkthrough-steps.mjs';
import { LISTS } from './lists.mjs';

export function defineListWalkthroughs({ walkthrough, env, periods, ensureRun }) {
  walkthrough('every list sorts, searches, pages and exports CSV', async (t) => {
    const { page } = t;
    await ensureRun(periods.earlier); // statements, story earnings and runs have rows even when run alone
    await signIn(t, 'admin');
    const lists = LISTS;
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
