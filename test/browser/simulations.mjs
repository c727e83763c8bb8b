// What-if runs and boost impact (issue 19): an admin simulates a Boost multiplier change from
// the parameters form (nothing saved), reads the histogram and the top losers; a curator sees
// the estimate on a pending nomination and what an ended boost moved. Demo state others use
// is left as it was.
import { ADMIN, until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { enterCode } from './walkthroughs.mjs';
import { signIn } from './craft.mjs';
import { walkthroughContext } from './walkthrough-steps.mjs';
import { formatDollars } from '../../dist/libs/core/src/money/money.js';

async function signInAdmin(t) {
  const { page } = t;
  await page.goto(`${t.base}/#/login`);
  await page.locator('input[name="username"]').fill(ADMIN.email);
  await page.locator('input[name="password"]').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, ADMIN.email);
  await visible(page.getByRole('button', { name: 'Profile' }), 'the admin signed in');
}

export function defineSimulationsWalkthroughs({ walkthrough, env }) {
  const { token, ensureFinalRun } = walkthroughContext(env);
  const list = (resource, filter, sort, range = [0, 9]) => env.api.list(resource, { filter, sort, range });

  /** An approved run to simulate against: earlier walkthroughs approve the demo's runs; run alone, this approves the earlier period. */
  async function ensureApprovedRun() {
    const finance = await token('finance');
    const final = await env.api.get(list('payout-runs', { status: ['approved', 'paid'] }, ['period', 'DESC']), finance);
    return final[0] ?? ensureFinalRun(env.periods.earlier);
  }

  walkthrough('simulations: an admin simulates a Boost multiplier change and reads the histogram and the top losers', async (t) => {
    const { page } = t;
    const run = await ensureApprovedRun();
    const finance = await token('finance');
    const before = await env.api.get('earnings-parameters/current', finance);
    await signInAdmin(t);
    await page.goto(`${t.base}/#/earnings-parameters/current`);
    const boost = page.getByLabel('Boost bonus');
    await visible(boost, 'the Boost bonus field on the parameters form');
    await boost.fill('40000');
    await page.getByRole('button', { name: 'Simulate this change' }).click();
    await until('the simulation page', async () => (/#\/simulations\/[0-9a-f-]{36}\/show/.test(page.url()) ? true : null), 30_000, 100);
    const id = /simulations\/([0-9a-f-]{36})/.exec(page.url())[1];
    await visible(page.getByTestId('simulation-histogram').locator('.recharts-bar-rectangle').first(), 'the histogram', 180_000);
    const sim = await env.api.get(`simulations/${id}`, finance);
    check(sim.status === 'done' && sim.period === run.period, `simulated ${run.period} (${sim.status})`);
    check(sim.changes.boostBps?.to === 40000, `the change is the multiplier ×4.00 (${JSON.stringify(sim.changes)})`);
    const cmp = await env.api.get(`simulations/${id}/comparison`, finance);
    const bars = await page.getByTestId('simulation-histogram').locator('.recharts-bar-rectangle').count();
    check(bars === cmp.histogram.length, `one bar per bucket (${bars} of ${cmp.histogram.length})`);
    const counts = (await page.getByTestId('simulation-counts').textContent()).trim();
    check(counts.startsWith(`${cmp.totals.gainers} gain, ${cmp.totals.losers} lose`), `the counts on the page are the API's (${counts})`);
    check(cmp.topLosers.length > 0, 'a Boost multiplier change has losers');
    const losers = page.getByTestId('top-losers').locator('tbody tr');
    check((await losers.count()) === cmp.topLosers.length, `one row per top loser (${await losers.count()})`);
    await visible(losers.first().getByText(cmp.topLosers[0].authorName || cmp.topLosers[0].authorId), 'the largest loser first');
    await t.shot('simulation-boost-multiplier');
    // simulating saved nothing
    const after = await env.api.get('earnings-parameters/current', finance);
    check(after.version === before.version && after.params.boostBps === before.params.boostBps, 'the parameters are unchanged');
  });

  walkthrough(
    'simulations: a curator sees the estimated boost impact on a pending nomination and the realised one on an ended boost',
    async (t) => {
      const { page } = t;
      const curator = await token('curator');
      const [nomination] = await env.api.get(list('nominations', { status: 'pending' }, ['nominatedAt', 'DESC'], [0, 0]), curator);
      check(nomination, 'the demo has a pending nomination');
      const estimate = await env.api.get(`nominations/${encodeURIComponent(nomination.id)}/impact-estimate`, curator);
      check(estimate.estimate === true, 'the API labels it an estimate');
      await signIn(t, 'curator');
      await page.goto(`${t.base}/#/nominations/${encodeURIComponent(nomination.id)}/show`);
      const shown = await visible(page.getByTestId('boost-estimate'), `the estimate on nomination ${nomination.id}`);
      const text = await shown.textContent();
      check(text.includes('Estimate'), `labelled an estimate (${text})`);
      if (estimate.basisPeriod) check(text.includes(estimate.basisPeriod), `it names the month it comes from (${estimate.basisPeriod})`);
      await t.shot('nomination-boost-estimate');
      await env.api.call('POST', `nominations/${encodeURIComponent(nomination.id)}/release`, { token: curator, body: {} });

      // an ended boost in an approved month: what it moved, from the run and a simulation without it
      await ensureApprovedRun();
      const ended = await env.api.get(list('boosts', { state: 'ended' }, ['startsAt', 'DESC'], [0, 49]), curator);
      let impact;
      for (const b of ended) {
        const i = await env.api.get(`boosts/${encodeURIComponent(b.id)}/impact`, curator);
        if (i.periods.some((p) => p.runId)) {
          impact = i;
          break;
        }
      }
      check(impact, 'the demo has an ended boost in a month with an approved run');
      await page.goto(`${t.base}/#/boosts/${encodeURIComponent(impact.boostId)}/show`);
      const realised = await visible(
        page.getByTestId('boost-impact').getByText('moved to the story'),
        `the impact of boost ${impact.boostId}`,
      );
      const amount = formatDollars(BigInt(impact.realisedMicros), { signed: true });
      check((await realised.textContent()).includes(amount), `the page shows what the API says it moved (${amount})`);
      await t.shot('boost-realised-impact');
    },
  );
}
