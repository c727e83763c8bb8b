import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier, RaRecord } from 'react-admin';
import { API, download, httpClient } from './http';

const post = (url: string, body: unknown = {}) => httpClient(url, { method: 'POST', body: JSON.stringify(body) });
const path = (...parts: (string | number)[]) => [API, ...parts.map((p) => encodeURIComponent(String(p)))].join('/');

export interface BulkApproveResult {
  matched: number;
  approvedCount: number;
  skippedCount: number;
  approved: Array<{ id: string; memberId: string; enrollmentId: string }>;
  skipped: Array<{ id: string; status: string; reason?: string; failingChecks?: string[] | null }>;
}

/** The data provider: the simple REST dialect as is, plus the domain actions (the console's only seam to the API). */
export interface ConsoleDataProvider extends DataProvider {
  /** `POST /api/<resource>/<id>/<verb>` (approve, reject, boost, decline, end, mark-paid, resolve, …). */
  act<T extends RaRecord = RaRecord>(resource: string, id: Identifier, verb: string, body?: unknown): Promise<{ data: T }>;
  bulkApproveApplications(filter: Record<string, unknown>): Promise<{ data: BulkApproveResult }>;
  /** `POST /api/payout-runs {period}`: 202 with the queued run. */
  startPayoutRun(period: string): Promise<{ data: RaRecord }>;
  downloadPayoutFile(runId: Identifier, period: string): Promise<void>;
  /** Plain JSON reads that are not lists in the dialect (parameter history, explanations). */
  fetchJson<T = unknown>(relativePath: string): Promise<{ data: T }>;
}

const base = simpleRestProvider(API, httpClient);

export const dataProvider: ConsoleDataProvider = {
  ...base,
  async act(resource, id, verb, body = {}) {
    const { json } = await post(path(resource, id, verb), body);
    return { data: json };
  },
  async bulkApproveApplications(filter) {
    const { json } = await post(path('applications', 'bulk-approve'), { filter });
    return { data: json };
  },
  async startPayoutRun(period) {
    const { json } = await post(path('payout-runs'), { period });
    return { data: json };
  },
  downloadPayoutFile(runId, period) {
    return download(path('payout-runs', runId, 'payout-file'), `payouts-${period}.csv`);
  },
  async fetchJson(relativePath) {
    const { json } = await httpClient(`${API}/${relativePath}`);
    return { data: json };
  },
};
