import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_INTEGRITY_PARAMETERS } from '../../libs/integrity/src/index.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The thresholds' versions as the console's page reads and creates them (issue 18). */
describe('integrity parameters: versions', () => {
  let t: TestApp;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the versions down to the defaults, shows one, and an admin creates the next (integrity may not)', async () => {
    const reviewer = await t.tokenFor(['integrity']);
    const admin = await t.adminToken();
    const empty = await t.http.get('/api/integrity-parameters').set(auth(reviewer)).expect(200);
    expect(empty.headers['content-range']).toBe('integrity-parameters 0-0/1');
    expect(empty.body).toEqual([
      { id: 0, version: 0, createdAt: null, createdBy: null, createdByEmail: null, ...DEFAULT_INTEGRITY_PARAMETERS },
    ]);

    await t.http.post('/api/integrity-parameters').set(auth(reviewer)).send({ ringMinReads: 5 }).expect(403);
    const bad = await t.http.post('/api/integrity-parameters').set(auth(admin)).send({ ringMinReads: 0, farmNearBps: 20000 }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['farmNearBps', 'ringMinReads']);
    const created = await t.http.post('/api/integrity-parameters').set(auth(admin)).send({ ringMinReads: 5 }).expect(201);
    expect(created.body).toMatchObject({ id: 1, version: 1, ringMinReads: 5, createdByEmail: 'admin@test.example' });

    const list = await t.http.get('/api/integrity-parameters').set(auth(reviewer)).expect(200);
    expect(list.body.map((v: { id: number; ringMinReads: number }) => [v.id, v.ringMinReads])).toEqual([
      [1, 5],
      [0, DEFAULT_INTEGRITY_PARAMETERS.ringMinReads],
    ]);
    const one = await t.http.get('/api/integrity-parameters/1').set(auth(reviewer)).expect(200);
    expect(one.body).toEqual(created.body);
    expect((await t.http.get('/api/integrity-parameters/current').set(auth(reviewer)).expect(200)).body).toMatchObject({
      id: 'current',
      version: 1,
    });
    await t.http.get('/api/integrity-parameters/7').set(auth(reviewer)).expect(404);
    const word = await t.http.get('/api/integrity-parameters/latest').set(auth(reviewer)).expect(400);
    expect(JSON.stringify(word.body)).toContain('version');
  });
});
