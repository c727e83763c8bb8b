// "When will I be paid?" (issue 19): support opens a writer's ticket, reads the payout
// projection in the writer context (next payout, date, minimum, holds, payout account, the
// answer in the writer's words), puts it in the reply, and fills a saved reply's
// {{nextPayout}} with the same words. Demo state others use is left as it was (the saved
// reply made here is deleted, the ticket is not resolved).
import { until } from './environment.mjs';
import { check, visible } from './kit.mjs';
import { signIn, walkthroughContext } from './walkthrough-steps.mjs';

export function definePayoutProjectionWalkthroughs({ walkthrough, env }) {
  const { token, ensureFinalRun } = walkthroughContext(env);
  const list = (resource, filter, sort, range = [0, 9]) => env.api.list(resource, { filter, sort, range });

  /** A final run to project from: run alone (BROWSER_ONLY) nothing is approved yet, so approve the earlier demo period. */
  async function ensureApprovedRun() {
    const finance = await token('finance');
    const runs = await env.api.get(list('payout-runs', {}, ['period', 'DESC'], [0, 49]), finance);
    if (!runs.some((r) => ['approved', 'paid'].includes(r.status))) await ensureFinalRun(env.periods.earlier);
  }

  walkthrough('payout projection: support answers "when will I be paid?" from a ticket', async (t) => {
    const { page } = t;
    await ensureApprovedRun();
    const support = await token('support');
    // an unresolved ticket whose writer has a statement in a final run
    const tickets = await env.api.get(list('tickets', { status: ['open', 'pending'] }, ['id', 'ASC'], [0, 199]), support);
    let ticket;
    let projection;
    for (const x of tickets) {
      projection = await env.api.get(`tickets/${encodeURIComponent(x.id)}/payout-projection`, support);
      if (projection.outcome !== 'no_statement') {
        ticket = x;
        break;
      }
    }
    check(ticket, 'the demo has an unresolved ticket from a writer with a final statement');
    check(projection.text.length > 40 && !/undefined|NaN|null/.test(projection.text), `the projection reads as words: ${projection.text}`);

    await signIn(t, 'support');
    await page.goto(`${t.base}/#/tickets/${ticket.id}/show`);
    await visible(page.getByTestId('ticket-subject'), `ticket ${ticket.id}`);
    const panel = page.getByTestId('payout-projection');
    await visible(panel.getByText('When will they be paid?'), 'the payout projection in the writer context');
    await visible(
      panel.getByTestId('payout-projection-text').getByText(projection.text, { exact: true }),
      'the answer in the writer’s words',
    );
    await visible(panel.getByText(projection.payBy ?? 'no date yet', { exact: true }).first(), 'the date it is paid by (or none yet)');
    await visible(panel.getByText('Minimum payout', { exact: true }), 'the minimum payout');
    await visible(panel.getByText('Payout account', { exact: true }), 'the payout account readiness');
    await t.shot('payout-projection');

    // into the reply, then from a saved reply's {{nextPayout}}
    const draft = page.getByLabel('Draft (used as the resolution)');
    await panel.getByTestId('payout-projection-use').click();
    check((await draft.inputValue()) === projection.text, 'the projection is the draft');
    await draft.fill('');
    const title = `When will I be paid (browser ${Date.now()})`;
    const created = await env.api.call('POST', 'saved-replies', {
      token: support,
      body: { title, category: ticket.category, body: 'Hi {{writerFirstName}},\n\n{{nextPayout}}' },
    });
    check(created.status === 201, `saved reply created: ${created.status} ${JSON.stringify(created.json)}`);
    try {
      await page.reload();
      await visible(page.getByTestId('ticket-subject'), `ticket ${ticket.id} again`);
      await page.getByLabel('Saved reply').click();
      await page.getByRole('option', { name: title }).click();
      await page.getByRole('button', { name: 'Fill for this ticket' }).click();
      await until('the filled reply in the draft', async () => (await draft.inputValue()).endsWith(projection.text), 15_000, 100);
      check((await draft.inputValue()).startsWith(`Hi ${ticket.memberName.trim().split(/\s+/)[0]},`), 'the reply greets the writer');
      await t.shot('payout-projection-reply');
    } finally {
      await env.api.call('DELETE', `saved-replies/${created.json.id}`, { token: support });
    }
  });
}
