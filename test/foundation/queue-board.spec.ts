import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { Worker, type Queue } from 'bullmq';
import { QUEUES, queueConnection } from '../../libs/core/src/index.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The admins' queue dashboard (Bull Board) at /api/queues: who gets in, what it shows, retry. */
describe('queue dashboard', () => {
  let t: TestApp;
  let admin: string;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const BOARD_API = '/api/queues/api/queues';

  it('refuses anonymous requests (401) and every non-admin role (403), with a bearer token or a session', async () => {
    expect((await t.http.get('/api/queues/')).status).toBe(401);
    expect((await t.http.get(BOARD_API)).status).toBe(401);
    const page = await t.http.get('/api/queues/').set('Accept', 'text/html');
    expect(page.status).toBe(401);
    expect(page.text).toContain('Open it from the console');
    for (const role of ['reviewer', 'curator', 'finance', 'support'] as const) {
      const token = await t.tokenFor([role]);
      expect({ role, status: (await t.http.get(BOARD_API).set('Authorization', `Bearer ${token}`)).status }).toEqual({ role, status: 403 });
      expect({ role, status: (await t.http.post('/api/queue-board/session').set('Authorization', `Bearer ${token}`)).status }).toEqual({
        role,
        status: 403,
      });
      // A bearer token planted as the board's cookie is not a board session.
      expect((await t.http.get(BOARD_API).set('Cookie', `ppc_queue_board=${token}`)).status).toBe(401);
    }
    expect((await t.http.post('/api/queue-board/session')).status).toBe(401);
  });

  it("gives an admin a short-lived HttpOnly, SameSite=Strict cookie for the board's path only; it stops working when the account loses admin", async () => {
    const res = await t.http.post('/api/queue-board/session').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body).toEqual({ url: '/api/queues/' });
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/^ppc_queue_board=[^;]+; Path=\/api\/queues; Max-Age=1800; HttpOnly; SameSite=Strict$/);
    cookie = set.split(';')[0];
    const html = await t.http.get('/api/queues/').set('Cookie', cookie).set('Accept', 'text/html').expect(200);
    expect(html.text).toContain('<base href="/api/queues/"');
    // Not a bearer token for the API.
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${cookie.split('=')[1]}`)).status).toBe(401);

    const email = `board-admin-${Date.now()}@test.example`;
    const token = await t.tokenFor(['admin'], email);
    const c = String(
      (await t.http.post('/api/queue-board/session').set('Authorization', `Bearer ${token}`).expect(200)).headers['set-cookie'],
    ).split(';')[0];
    await t.http.get(BOARD_API).set('Cookie', c).expect(200);
    await t.db.pool.query(`UPDATE staff_users SET roles = '{support}' WHERE email = $1`, [email]);
    expect((await t.http.get(BOARD_API).set('Cookie', c)).status).toBe(403);
    await t.db.pool.query(`UPDATE staff_users SET disabled = true WHERE email = $1`, [email]);
    expect((await t.http.get(BOARD_API).set('Cookie', c)).status).toBe(401);
  });

  it('shows every queue of the registry, a failed job with its error, and retries it', async () => {
    const listed = await t.http.get(BOARD_API).set('Cookie', cookie).expect(200);
    expect(listed.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([...QUEUES].sort());

    // A job that fails for good (one attempt) in the intake queue, processed by a worker of this test.
    const queue = t.app.get<Queue>(getQueueToken('intake'));
    const { options } = queueConnection(t.config, t.db.url);
    const worker = new Worker(
      'intake',
      async () => {
        throw new Error('board test: the bundle file is missing');
      },
      { ...(options as object), autorun: true } as never,
    );
    const job = await queue.add('board-test', { n: 1 }, { jobId: 'board-test_1', attempts: 1 });
    const deadline = Date.now() + 20_000;
    while ((await job.getState()) !== 'failed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await worker.close();
    expect(await job.getState()).toBe('failed');

    const failed = await t.http
      .get(`${BOARD_API}?activeQueue=intake&status=failed&page=1&jobsPerPage=10`)
      .set('Cookie', cookie)
      .expect(200);
    const intake = failed.body.queues.find((q: { name: string }) => q.name === 'intake');
    expect(intake.counts.failed).toBe(1);
    expect(intake.jobs[0]).toMatchObject({ id: 'board-test_1', failedReason: 'board test: the bundle file is missing' });

    await t.http.put(`${BOARD_API}/intake/board-test_1/retry`).set('Cookie', cookie).expect(204);
    expect(['waiting', 'active', 'prioritized']).toContain(await job.getState());
    await queue.obliterate({ force: true });
  });
});
