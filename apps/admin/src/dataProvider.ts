import simpleRestProvider from 'ra-data-simple-rest';
import { HttpError, type DataProvider, type fetchUtils, type Identifier, type RaRecord } from 'react-admin';
import type { BulkApproveResult } from './api';
import { API, download, httpClient } from './http';

const RETRY_AFTER_MS = [500, 1000, 2000];
/** A new Idempotency-Key (getRandomValues: randomUUID needs a secure context). */
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Every write carries an Idempotency-Key, one per user action; a retry (no answer, or the
 * first attempt still in flight) reuses it, so the API performs the action once (spec/api.md).
 */
async function writeOnce(url: string, options: fetchUtils.Options = {}) {
  if (['GET', 'HEAD'].includes((options.method ?? 'GET').toUpperCase())) return httpClient(url, options);
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  if (!headers.has('Idempotency-Key')) headers.set('Idempotency-Key', newKey());
  for (let retry = 0; ; retry++) {
    try {
      return await httpClient(url, { ...options, headers });
    } catch (error) {
      const inFlight = error instanceof HttpError && error.status === 409 && error.body?.details?.rule === 'idempotency_key_in_flight';
      if ((error instanceof HttpError && !inFlight) || retry >= RETRY_AFTER_MS.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS[retry]));
    }
  }
}

const post = (url: string, body: unknown = {}) => writeOnce(url, { method: 'POST', body: JSON.stringify(body) });
const path = (...parts: (string | number)[]) => [API, ...parts.map((p) => encodeURIComponent(String(p)))].join('/');

/** The data provider: the simple REST dialect as is, plus the domain actions (the console's only seam to the API). */
export interface ConsoleDataProvider extends DataProvider {
  /** `POST /api/<resource>/<id>/<verb>` (approve, reject, boost, decline, end, mark-paid, resolve, …). */
  act<T extends RaRecord = RaRecord>(resource: string, id: Identifier, verb: string, body?: unknown): Promise<{ data: T }>;
  bulkApproveApplications(filter: Record<string, unknown>): Promise<{ data: BulkApproveResult }>;
  /** `POST /api/payout-runs {period}`: 202 with the queued run. */
  startPayoutRun(period: string): Promise<{ data: RaRecord }>;
  downloadPayoutFile(runId: Identifier, period: string): Promise<void>;
  /** Every author's difference in a simulation, as CSV. */
  downloadSimulationCsv(id: Identifier, period: string): Promise<void>;
  /** Plain JSON reads that are not lists in the dialect (parameter history, explanations). */
  fetchJson<T = unknown>(relativePath: string): Promise<{ data: T }>;
}

const base = simpleRestProvider(API, writeOnce);

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
  downloadSimulationCsv(id, period) {
    return download(path('simulations', id, 'authors.csv'), `simulation-${period}.csv`);
  },
  async fetchJson(relativePath) {
    const { json } = await httpClient(`${API}/${relativePath}`);
    return { data: json };
  },
};
