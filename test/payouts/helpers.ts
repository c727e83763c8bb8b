import { readFileSync } from 'node:fs';
import { expect } from '@jest/globals';
import { newKey, type TestApp } from '../support/app.js';
import { EXAMPLES_DIR } from '../support/examples.js';

export { EXAMPLES_DIR as EXAMPLES } from '../support/examples.js';

export interface Expected {
  totals: Record<string, number>;
  stories: Record<string, Record<string, number>>;
  authors: Record<string, { storyEarnings: number; referralEarnings: number }>;
}

export const expectedOf = (example: string): Expected =>
  JSON.parse(readFileSync(`${EXAMPLES_DIR}${example}/expected-2026-10.json`, 'utf8'));

export interface RunRecord {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  poolMicros: number;
  allocatedMicros: number;
  unallocatedMicros: number;
  referralMicros: number;
  memberCount: number;
  pairCount: number;
  [k: string]: unknown;
}

/** Waits for the run to leave queued/running (polling its record: the state is the condition). */
export async function waitForRun(t: TestApp, token: string, id: string, timeoutMs = 120_000): Promise<RunRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await t.http.get(`/api/payout-runs/${id}`).set('Authorization', `Bearer ${token}`).expect(200);
    if (!['queued', 'running'].includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${body.status} (${body.progress}%) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRun(t: TestApp, token: string, period: string): Promise<RunRecord> {
  const res = await t.http.post('/api/payout-runs').set('Authorization', `Bearer ${token}`).set(newKey()).send({ period }).expect(202);
  expect(res.body).toMatchObject({ id: expect.any(String), period }); // the run record (a fast worker may have started it already)
  return waitForRun(t, token, res.body.id);
}

export async function storyEarnings(t: TestApp, token: string, runId: string): Promise<Record<string, Record<string, number>>> {
  const { body } = await t.http
    .get('/api/story-earnings')
    .query({ filter: JSON.stringify({ runId }), range: JSON.stringify([0, 9999]) })
    .set('Authorization', `Bearer ${token}`);
  expect({ body }).toEqual({ body: expect.any(Array) });
  return Object.fromEntries(body.map((r: { storyId: string }) => [r.storyId, r]));
}

export async function statements(t: TestApp, token: string, runId: string): Promise<Record<string, Record<string, number | string>>> {
  const { body } = await t.http
    .get('/api/statements')
    .query({ filter: JSON.stringify({ runId }), range: JSON.stringify([0, 9999]) })
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  return Object.fromEntries(body.map((r: { authorId: string }) => [r.authorId, r]));
}

const MONEY: Record<string, string> = {
  earnings: 'earningsMicros',
  readingTime: 'readingTimeMicros',
  engagement: 'engagementMicros',
  readRatioAdjustment: 'readRatioAdjustmentMicros',
  followerBonus: 'followerBonusMicros',
  boostBonus: 'boostBonusMicros',
};

/** The API's field for an expected-results field. */
export const apiField = (name: string) => MONEY[name] ?? name;
