// The integrity queue (issue 18): an integrity reviewer detects the latest demo month's
// patterns, opens the highest-scored farm case, claims it, reads its evidence (flags, the
// time distribution, the reading involved) and its money at stake (a dollar figure, computed
// by the stakes job after detection), excludes it and sees the decision in the case's history
// and the author's before/after; then reverts it, leaving the demo as it was.
// When an earlier walkthrough has approved the month, the exclusion is refused (decisions
// are final once the run is approved) and the console says so.
import { STAFF, STAFF_PASSWORD, until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { signIn } from './craft.mjs';
import { walkthroughContext } from './walkthrough-steps.mjs';

export function defineIntegrityWalkthroughs({ walkthrough, env }) {
  const { ensureRun } = walkthroughContext(env);
  walkthrough('integrity: a reviewer claims a farm case, reads its evidence and excludes it', async (t) => {
    const { page } = t;
    const token = await env.api.login(STAFF.integrity.email, STAFF_PASSWORD);
    const period = env.periods.latest;
    const queued = await env.api.call('POST', 'integrity-cases/detect', { token, body: { period } });
    check(queued.status === 202, `detect ${period}: ${queued.status} ${JSON.stringify(queued.json)}`);
    // detection, then the money at stake of its cases (the worker's second job)
    const farm = await until(
      `the farm cases of ${period} with their money at stake`,
      async () => {
        const [first] = await env.api.get(
          env.api.list('integrity-cases', { filter: { period, signal: 'farm', status: 'open' }, sort: ['score', 'DESC'] }),
          token,
        );
        return first?.moneyAtStakeMicros != null ? first : undefined;
      },
      120_000,
      500,
    );
    check(BigInt(farm.moneyAtStakeMicros) > 0n, `the farm's authors would lose money (${farm.moneyAtStakeMicros} µ$)`);
    const dollars = /^\$[\d,]+\.\d{2}$/;
    const runs = await env.api.get(env.api.list('payout-runs', { filter: { period } }), env.adminToken);
    const final = runs.some((r) => ['approved', 'paid'].includes(r.status));
    // a draft run of the month, so that the before/after has "now" (run alone, nothing computed it yet)
    if (!final) await ensureRun(period);

    await signIn(t, 'integrity');
    await page.goto(`${t.base}/#/integrity-cases`);
    await visible(page.getByText(`${farm.authorName} (${farm.authorId})`).first(), `the farm case of ${farm.authorId} in the queue`);
    await t.shot('integrity-queue');
    await page.getByText(`${farm.authorName} (${farm.authorId})`).first().click();
    await visible(page.getByTestId('case-title'), 'the case page');
    await visible(page.getByTestId('flag-farm'), 'the farm flag with its evidence');
    await visible(page.getByTestId('histogram'), 'the active-seconds distribution');
    await visible(page.getByText('Members in the farm'), 'the farm size');
    const atStake = (await page.getByTestId('money-at-stake').textContent()).trim();
    check(dollars.test(atStake), `money at stake is a dollar figure (${atStake})`);
    await visible(page.getByTestId('case-stake'), 'the before/after of excluding the case');
    const authorRow = page.getByTestId('stake-author').filter({ hasText: farm.authorId });
    const nowCells = (await authorRow.locator('td').allTextContents()).map((c) => c.trim());
    check(
      dollars.test(nowCells[1]) && dollars.test(nowCells[2]),
      `the author's earnings now → with the case excluded (${nowCells.join(' | ')})`,
    );
    await page.getByRole('button', { name: 'Claim' }).click();
    await visible(page.getByText(`${STAFF.integrity.email} until`), 'the claim is mine');
    await visible(page.getByTestId('case-history').getByText('claimed'), 'the claim in the history');
    await t.shot('integrity-case-claimed');
    await page.getByRole('button', { name: 'Exclude' }).click();
    await page.getByLabel('Reason').fill('fresh accounts opening one writer for 31–40 s');
    await page.getByRole('dialog').getByRole('button', { name: 'Exclude' }).click();
    if (final) {
      await visible(
        page.getByText(/ and read-only: a decision on its cases can no longer change it/),
        'the refusal: the month is approved',
      );
      await t.shot('integrity-exclude-refused');
      return;
    }
    await visible(page.getByText('Case decided: exclude'), 'the decision notice');
    await visible(page.getByTestId('case-history').getByText(/decided: exclude/), 'the exclusion in the history');
    const excluded = await env.api.get(`integrity-cases/${farm.id}`, token);
    check(excluded.status === 'excluded', `the case is excluded (${excluded.status})`);
    // the author's before/after stays on the decided case: now → with the case excluded, and the change
    const author = excluded.stake.authors.find((a) => a.authorId === farm.authorId);
    check(author && BigInt(author.deltaMicros) < 0n, `the author loses money: ${JSON.stringify(author)}`);
    await visible(authorRow, "the author's before/after row");
    const cells = (await authorRow.locator('td').allTextContents()).map((c) => c.trim());
    check(cells[3].startsWith('−$'), `the change is a loss in dollars (${cells[3]})`);
    check(cells.join('|') === nowCells.join('|'), `the same before/after after the decision (${cells.join(' | ')})`);
    check(
      BigInt(author.afterMicros) === BigInt(author.nowMicros) + BigInt(author.deltaMicros),
      `after = now + change: ${JSON.stringify(author)}`,
    );
    await visible(page.getByTestId('stake-basis').getByText(/other writers? would gain/), 'the number of writers who gain');
    await t.shot('integrity-case-excluded');
    // leave the demo as it was
    const reverted = await env.api.call('POST', `integrity-cases/${farm.id}/revert`, { token, body: { reason: 'walkthrough done' } });
    check(reverted.status === 200 && reverted.json.status === 'open', `revert: ${reverted.status} ${JSON.stringify(reverted.json)}`);
  });
}
