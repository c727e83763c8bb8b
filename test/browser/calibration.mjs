// Nominator and curator calibration (issue 19): a curator opens the calibration from the menu and
// reads a nominator's acceptance rate and realised effect as the API computes them; both lists
// sort by every column, take a month range and fit 1280 px. When no curator decided anything yet,
// it declines one pending nomination so that a rate exists.
import { STAFF, STAFF_PASSWORD } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { signIn } from './craft.mjs';
import { numbersOnScreen } from './lists.mjs';
import { formatDollars } from '../../dist/libs/core/src/money/money.js';
import { formatBpsPercent } from '../../dist/libs/core/src/format/numbers.js';

export function defineCalibrationWalkthroughs({ walkthrough, env }) {
  const tokens = {};
  const token = async (who) => (tokens[who] ??= await env.api.login(STAFF[who].email, STAFF_PASSWORD));
  const list = (resource, filter, sort, range = [0, 0]) => env.api.list(resource, { filter, sort, range });

  /** The nominator with the highest acceptance rate; when no curator decided anything yet, one pending nomination is declined first. */
  async function ratedNominator(curator) {
    const top = async () => (await env.api.get(list('nominator-calibration', {}, ['acceptanceRateBps', 'DESC']), curator))[0];
    const [decider] = await env.api.get(list('curator-calibration', {}, ['decisions', 'DESC']), curator);
    const found = await top();
    if (decider && found && found.acceptanceRateBps !== null) return found;
    const [pending] = await env.api.get(list('nominations', { status: 'pending' }, ['nominatedAt', 'ASC']), curator);
    check(pending, 'the demo has a pending nomination to decide');
    const r = await env.api.call('POST', `nominations/${encodeURIComponent(pending.id)}/decline`, {
      token: curator,
      body: { reason: 'clickbait' },
    });
    check(r.status === 200, `declining ${pending.id}: ${r.status} ${JSON.stringify(r.json)}`);
    return top();
  }

  walkthrough("calibration: a curator opens the calibration and sees a nominator's acceptance rate", async (t) => {
    const { page } = t;
    const curator = await token('curator');
    const nominator = await ratedNominator(curator);
    check(nominator?.acceptanceRateBps !== null, 'a nominator has an acceptance rate');
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(t, 'curator');
    const isList = (resource) => (r) => r.url().includes(`/api/${resource}?`) && r.request().method() === 'GET';

    await page.getByRole('menuitem', { name: 'Nominator calibration', exact: true }).click();
    await visible(page.locator('.RaList-content tbody tr').first(), 'the nominator calibration rows');
    const searched = page.waitForResponse((r) => isList('nominator-calibration')(r) && decodeURIComponent(r.url()).includes('"q":'));
    await page.locator('input[name="q"]').fill(nominator.name);
    check((await searched).status() === 200, 'search by name');
    const row = page.locator('.RaList-content tbody tr').filter({ hasText: nominator.id });
    await visible(row, `the row of ${nominator.name} (${nominator.id})`);
    const rate = formatBpsPercent(nominator.acceptanceRateBps);
    await visible(
      row.getByText(rate, { exact: true }),
      `the acceptance rate ${rate} (boosted ${nominator.boosted} of ${nominator.boosted + nominator.declined} decided)`,
    );
    const effect = nominator.realisedMicros === null ? '—' : formatDollars(BigInt(nominator.realisedMicros));
    check((await row.textContent()).includes(effect), `the realised effect ${effect}`);
    await t.shot('nominator-calibration');

    // Both lists: every column sorts, a month range filters, nothing is wider than the screen or unformatted.
    for (const resource of ['nominator-calibration', 'curator-calibration']) {
      await page.goto(`${t.base}/#/${resource}?filter=${encodeURIComponent('{}')}`);
      await visible(page.locator('.RaList-content tbody tr, .RaList-noResults, .RaEmpty-message').first(), `the ${resource} list`);
      const headers = page.locator('thead .MuiTableSortLabel-root');
      const n = await headers.count();
      check(n >= 6, `${resource}: sortable columns (${n})`);
      for (let i = 0; i < n; i++) {
        const sorted = page.waitForResponse(isList(resource));
        await headers.nth(i).click();
        const res = await sorted;
        check(
          res.status() === 200,
          `${resource}: sorting by ${decodeURIComponent(res.url()).split('sort=')[1]?.split('&')[0]} → ${res.status()}`,
        );
      }
      for (const source of ['period_gte', 'period_lte']) {
        const filtered = page.waitForResponse((r) => isList(resource)(r) && decodeURIComponent(r.url()).includes(`"${source}":"2026-10"`));
        await page.locator(`input[name="${source}"]`).fill('2026-10');
        check((await filtered).status() === 200, `${resource}: ${source} 2026-10`);
      }
      await page.goto(`${t.base}/#/${resource}?filter=${encodeURIComponent('{}')}`);
      await visible(page.locator('.RaList-content tbody tr, .RaList-noResults, .RaEmpty-message').first(), `the ${resource} rows`);
      const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
      check(width <= 1280, `${resource} fits 1280 px (${width})`);
      const shown = await numbersOnScreen(page, '.RaList-main');
      check(
        shown.raw.length === 0 && shown.wrapping.length === 0,
        `${resource}: numbers formatted (${[...shown.raw, ...shown.wrapping].join('; ')})`,
      );
      await t.shot(resource);
    }
    t.noApiErrors();
  });
}
