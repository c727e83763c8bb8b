// Approval warnings (issue 18, acceptance 5): the latest demo month has planted gaming
// patterns; once detected, its computed run warns finance about the open integrity cases
// (how many, money at stake, a link to the queue) on the run's page and again in the
// approve dialog, and approving anyway works: the run is approved and the approval's audit
// entry records the warnings it showed. In the whole suite the finance walkthrough has
// already approved the month through the warning (walkthroughs-roles.mjs): then its audit
// entry is checked. Then an admin creates a new version of the thresholds on their page (a
// bad value is refused under its field).
import { STAFF, until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { dialog, first, signIn, walkthroughContext } from './walkthrough-steps.mjs';

export function defineApprovalWarningsWalkthroughs({ walkthrough, env }) {
  const { token, periods, ensureRun } = walkthroughContext(env);

  walkthrough('approval warnings: finance sees the open integrity cases of a run and approves it anyway', async (t) => {
    const { page } = t;
    const period = periods.latest;
    const integrity = await token('integrity');
    const finance = await token('finance');
    const detected = await env.api.call('POST', 'integrity-cases/detect', { token: integrity, body: { period } });
    check(detected.status === 202, `detect ${period}: ${detected.status} ${JSON.stringify(detected.json)}`);
    const run = await ensureRun(period);
    const approvalOf = async () => {
      const entries = await env.api.get(
        env.api.list('audit-log', { filter: { action: 'payout-run.approve', entityId: run.id }, range: [0, 0] }),
        env.adminToken,
      );
      return entries[0];
    };
    if (run.status !== 'computed') {
      // the finance walkthrough approved it through the warning (walkthroughs-roles.mjs): its audit entry records it
      const entry = await approvalOf();
      const recorded = entry?.after?.warnings?.find((w) => w.code === 'integrity_open_cases');
      check(recorded?.details?.cases > 0, `the approval of the ${period} run records the warning (${JSON.stringify(entry?.after)})`);
      console.log(`[browser]   the ${period} run was already ${run.status}: checked that its approval recorded the warning`);
      return;
    }
    // detection is a job: wait until its cases make the run warn
    const warning = await until(
      `the integrity warning on the ${period} run`,
      async () => (await env.api.get(`payout-runs/${run.id}`, finance)).approvalWarnings.find((w) => w.code === 'integrity_open_cases'),
      120_000,
      500,
    );
    check(warning.details.cases > 0, `the warning counts the open cases (${JSON.stringify(warning.details)})`);

    const count = `${warning.details.cases} open integrity case${warning.details.cases === 1 ? '' : 's'} for ${period}`;

    // an admin (who may open the queue too) follows the warning's link to the period's open cases
    await signIn(t, 'admin');
    await page.goto(`${t.base}/#/payout-runs/${run.id}/show`);
    await visible(page.getByTestId('approval-warnings').getByText(count), `the warning on the run page: ${count}`);
    await page.getByTestId('approval-warning-queue').click();
    await until('the queue filtered to the period', async () =>
      decodeURIComponent(page.url()).includes(`"period":"${period}"`) ? true : null,
    );
    await visible(page.locator('tbody tr').filter({ hasText: period }), `the open cases of ${period} in the queue`);
    await t.shot('queue-of-the-period');

    // the approver (not the finance person who started the run: four eyes)
    await signIn(t, 'approver');
    await page.goto(`${t.base}/#/payout-runs/${run.id}/show`);
    const banner = await visible(page.getByTestId('approval-warnings'), 'the approval warnings on the run page');
    await visible(banner.getByText(count), `the count: ${count}`);
    await visible(banner.getByTestId('approval-warning-at-stake').getByText(/Money at stake: /), 'the money at stake');
    await visible(banner.getByText('An integrity reviewer can review them in the integrity queue.'), 'where the cases are reviewed');
    await t.shot('run-warnings');

    await page.getByRole('button', { name: 'Approve…' }).click();
    const confirm = await visible(dialog(page).filter({ hasText: 'What changes when you approve' }), 'the approval confirmation');
    const repeated = await visible(confirm.getByTestId('approve-dialog-warnings'), 'the warnings repeated in the dialog');
    await visible(repeated.getByText(count), 'the count in the dialog');
    await visible(repeated.getByText('Approving anyway is allowed.'), 'approving anyway is allowed');
    await visible(confirm.getByTestId('confirm').filter({ hasText: / anyway / }), 'the confirm button says "anyway"');
    await t.shot('approve-dialog-warnings');
    await confirm.getByTestId('confirm').click();
    await visible(page.getByTestId('run-status').getByText('approved'), 'the run approved');
    await t.shot('approved-anyway');

    const approved = await env.api.get(`payout-runs/${run.id}`, finance);
    check(
      approved.status === 'approved' && approved.approvedByEmail === STAFF.approver.email,
      `the API has the run approved by ${STAFF.approver.email} (got ${approved.status})`,
    );
    const entry = await approvalOf();
    const recorded = entry?.after?.warnings?.find((w) => w.code === 'integrity_open_cases');
    check(
      recorded?.details?.cases === warning.details.cases,
      `the approval's audit entry records the warning (${JSON.stringify(entry?.after)})`,
    );
    const run2 = await first(env, finance, 'payout-runs', { period });
    check(run2.status === 'approved', `the ${period} run stays approved`);
    t.noApiErrors();
  });
}

export function defineThresholdsWalkthroughs({ walkthrough, env }) {
  walkthrough('integrity thresholds: an admin reads the versions and creates the next one, a bad value refused on its field', async (t) => {
    const { page } = t;
    await signIn(t, 'admin');
    await page.goto(`${t.base}/#/integrity-parameters`);
    await visible(page.locator('tbody tr').filter({ hasText: 'the defaults' }), 'version 0, the defaults, in the list');
    const before = await env.api.get('integrity-parameters/current', env.adminToken);
    await t.shot('versions');
    await page.getByRole('link', { name: 'Create' }).click();
    const reads = page.getByLabel('Ring: reads each way');
    await visible(reads, 'the form of a new version');
    check((await reads.inputValue()) === String(before.ringMinReads), `the form starts from the current value ${before.ringMinReads}`);
    await reads.fill('0');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await visible(page.getByText(/at least 1/), 'the bad value refused under its field');
    await t.shot('refused');
    const next = before.ringMinReads + 1;
    await reads.fill(String(next));
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await visible(page.getByText(`Integrity thresholds saved: version ${before.version + 1}`), 'the new version saved');
    await visible(
      page.getByTestId('integrity-parameter-ringMinReads').getByText(String(next), { exact: true }),
      'its page shows the value',
    );
    await t.shot('created');
    await page.goto(`${t.base}/#/integrity-parameters`);
    const change = `Ring: reads each way: ${before.ringMinReads} → ${next}`;
    await visible(page.getByText(change), `what the version changed: ${change}`);
    await t.shot('history');
    // leave the demo as it was (the console's token was confirmed with a code at sign-in)
    const token = await page.evaluate(() => localStorage.getItem('ppc.token'));
    const back = await env.api.call('POST', 'integrity-parameters', { token, body: { ringMinReads: before.ringMinReads } });
    check(back.status === 201 && back.json.ringMinReads === before.ringMinReads, `restoring: ${back.status} ${JSON.stringify(back.json)}`);
    t.noApiErrors();
  });
}
