import type { DemoApi } from './demo-api.js';
import { until } from './demo-api.js';

/**
 * Payout runs for every month of the demo data, through the real api and worker, oldest
 * first (approval needs the month before approved): started by one finance person and
 * approved by another (four eyes), all but the last approved, all but the last two marked
 * paid. So the dashboard's charts have months of history, one run waits to be marked paid
 * and the latest waits for approval.
 */
export async function seedPayoutHistory(api: DemoApi, periods: string[], tokens: { starter: string; approver: string }): Promise<void> {
  for (const [i, period] of periods.entries()) {
    const started = await api.call('/api/payout-runs', tokens.starter, { period });
    if (started.status !== 202) throw new Error(`starting the ${period} run failed (${started.status}): ${JSON.stringify(started.json)}`);
    const id = (started.json as { id: string }).id;
    const status = await until(`the ${period} run`, async () => {
      const s = ((await api.call(`/api/payout-runs/${id}`, tokens.starter)).json as { status: string }).status;
      return s === 'queued' || s === 'running' ? null : s;
    });
    const last = i === periods.length - 1;
    if (status === 'computed' && !last) {
      const approved = await api.call(`/api/payout-runs/${id}/approve`, tokens.approver, {});
      if (approved.status !== 200)
        throw new Error(`approving the ${period} run failed (${approved.status}): ${JSON.stringify(approved.json)}`);
      if (i < periods.length - 2) {
        const paid = await api.call(`/api/payout-runs/${id}/mark-paid`, tokens.starter, {});
        if (paid.status !== 200) throw new Error(`marking the ${period} run paid failed (${paid.status}): ${JSON.stringify(paid.json)}`);
      }
    }
    console.log(`demo payout run ${period}: ${last ? status : i < periods.length - 2 ? 'paid' : 'approved'}`);
  }
}
