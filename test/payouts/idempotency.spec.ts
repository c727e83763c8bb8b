import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { MONEY_WRITE_KEY } from '../../libs/core/src/idempotency/money-write.decorator.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { thresholdBundle } from './fixtures.js';
import { statements, waitForRun } from './helpers.js';

/** The money routes, found by their @MoneyWrite mark (what the step-up checks use too). */
function moneyRoutes(app: INestApplication): string[] {
  const out: string[] = [];
  const container = (
    app as unknown as {
      container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: new (...args: never[]) => unknown }> }> };
    }
  ).container;
  for (const mod of container.getModules().values()) {
    for (const { metatype } of mod.controllers.values()) {
      const proto = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name !== 'constructor' && Reflect.getMetadata(MONEY_WRITE_KEY, proto[name] as object)) out.push(`${metatype.name}.${name}`);
      }
    }
  }
  return out.sort();
}

/**
 * Issue 12, acceptance 3: 10 parallel identical money writes with one Idempotency-Key give
 * exactly one effect and one audit row, for each money route; the repeats get the first
 * response or 409 (still in flight), and later the stored response.
 */
describe('money writes happen exactly once', () => {
  let t: TestApp;
  let starter: string;
  let approver: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const audits = async (action: string, entityId?: string) =>
    (
      await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2)`, [
        action,
        entityId ?? null,
      ])
    ).rows[0].n as number;

  /** 10 identical requests at once with one key: one answer of `status`, the others that answer again or 409 in flight. */
  async function tenAtOnce(send: () => Promise<{ status: number; body: unknown }>, status: number) {
    const answers = await Promise.all(Array.from({ length: 10 }, send));
    const ok = answers.filter((a) => a.status === status);
    expect(answers.map((a) => a.status).filter((s) => s !== status && s !== 409)).toEqual([]);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body).toMatchObject({ details: { rule: 'idempotency_key_in_flight' } });
    for (const a of ok) expect(a.body).toEqual(ok[0]!.body);
    return ok[0]!.body as Record<string, unknown>;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, thresholdBundle());
    await t.startWorker();
    starter = await t.tokenFor(['finance']);
    approver = await t.tokenFor(['finance']);
  });
  afterAll(() => t.close());

  it('marks exactly the money routes: start, approve, mark-paid, settlement, adjustments, integrity decisions', () => {
    expect(moneyRoutes(t.app)).toEqual([
      'AdjustmentsController.create',
      // exclusions and holds move money between writers and out of the payout file
      'IntegrityCasesController.decide',
      'IntegrityCasesController.forfeit',
      'IntegrityCasesController.revert',
      'PayoutRunsController.approve',
      'PayoutRunsController.markPaid',
      'PayoutRunsController.start',
      'SettlementController.apply',
    ]);
  });

  it('refuses a money write without a key, or with one that is not 1-255 printable characters, naming the header', async () => {
    const none = await t.http.post('/api/payout-runs').set(auth(starter)).send({ period: '2026-01' }).expect(400);
    expect(none.body.details).toEqual([{ field: 'Idempotency-Key', message: expect.stringMatching(/required/) }]);
    await t.http
      .post('/api/payout-runs')
      .set(auth(starter))
      .set('Idempotency-Key', 'x'.repeat(256))
      .send({ period: '2026-01' })
      .expect(400);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM payout_runs`)).rows[0].n).toBe(0);
  });

  it('start: one run, attempt 1, one audit row; the repeat answers the same; another body with the key is 422', async () => {
    const key = randomUUID();
    const start = (period = '2026-01') => t.http.post('/api/payout-runs').set(auth(starter)).set('Idempotency-Key', key).send({ period });
    const first = await tenAtOnce(() => start(), 202);
    await waitForRun(t, starter, first.id as string);
    const { rows } = await t.db.pool.query(`SELECT attempt FROM payout_runs WHERE period = '2026-01'`);
    expect(rows).toEqual([{ attempt: 1 }]);
    expect(await audits('payout-run.start')).toBe(1);
    expect(await audits('payout-run.recompute')).toBe(0);
    const again = await start().expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first);
    const reused = await start('2026-02').expect(422);
    expect(reused.body.details.rule).toBe('idempotency_key_reused');
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM payout_runs`)).rows[0].n).toBe(1);
  });

  it('approve: one approval, one audit row', async () => {
    const {
      rows: [run],
    } = await t.db.pool.query(`SELECT id FROM payout_runs WHERE period = '2026-01'`);
    const key = randomUUID();
    const body = await tenAtOnce(
      () => t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(approver)).set('Idempotency-Key', key).send(),
      200,
    );
    expect(body).toMatchObject({ status: 'approved' });
    expect(await audits('payout-run.approve', run.id)).toBe(1);
  });

  it('mark-paid: one change, one audit row', async () => {
    const {
      rows: [run],
    } = await t.db.pool.query(`SELECT id FROM payout_runs WHERE period = '2026-01'`);
    const key = randomUUID();
    const body = await tenAtOnce(
      () => t.http.post(`/api/payout-runs/${run.id}/mark-paid`).set(auth(approver)).set('Idempotency-Key', key).send({}),
      200,
    );
    expect(body).toMatchObject({ status: 'paid' });
    expect(await audits('payout-run.mark-paid', run.id)).toBe(1);
    const byAuthor = await statements(t, starter, run.id);
    expect(byAuthor['a-twelve']).toMatchObject({ payoutState: 'transferred' });
  });

  it('adjustments: one adjustment, one audit row', async () => {
    const key = randomUUID();
    const send = () =>
      t.http
        .post('/api/adjustments')
        .set(auth(starter))
        .set('Idempotency-Key', key)
        .send({ authorId: 'a-twelve', period: '2026-02', amountMicros: 5_000_000, reason: 'goodwill' });
    const body = await tenAtOnce(send, 201);
    const { rows } = await t.db.pool.query(`SELECT id::text FROM adjustments`);
    expect(rows).toEqual([{ id: body.id }]);
    expect(await audits('adjustment.create')).toBe(1);
  });

  it('keys are per staff user: another person with the same key makes their own write', async () => {
    const key = randomUUID();
    const send = (token: string) =>
      t.http
        .post('/api/adjustments')
        .set(auth(token))
        .set('Idempotency-Key', key)
        .send({ authorId: 'a-twelve', period: '2026-02', amountMicros: 1_000_000, reason: 'per user' });
    const a = await send(starter).expect(201);
    const b = await send(approver).expect(201);
    expect(a.body.id).not.toBe(b.body.id);
    expect((await send(starter).expect(201)).body.id).toBe(a.body.id);
  });

  it('keeps keys at least 24 hours (48): a key of 25 hours still answers the stored response, one of 49 hours is gone', async () => {
    const key = randomUUID();
    const send = () =>
      t.http
        .post('/api/adjustments')
        .set(auth(starter))
        .set('Idempotency-Key', key)
        .send({ authorId: 'a-twelve', period: '2026-02', amountMicros: 2_000_000, reason: 'aged key' });
    const first = await send().expect(201);
    await t.db.pool.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    expect((await send().expect(201)).body.id).toBe(first.body.id);
    await t.db.pool.query(`UPDATE idempotency_keys SET created_at = now() - interval '49 hours' WHERE key = $1`, [key]);
    expect((await send().expect(201)).body.id).not.toBe(first.body.id);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key])).rows[0].n).toBe(1);
  });

  it('the key commits with the effect: when the key cannot be stored, the effect is rolled back too', async () => {
    await t.db.pool.query(
      `CREATE FUNCTION refuse_keys() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash before the key is stored'; END $$`,
    );
    await t.db.pool.query(`CREATE TRIGGER refuse_keys BEFORE INSERT ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION refuse_keys()`);
    const before = (await t.db.pool.query(`SELECT count(*)::int AS n FROM adjustments`)).rows[0].n;
    try {
      const res = await t.http
        .post('/api/adjustments')
        .set(auth(starter))
        .set('Idempotency-Key', randomUUID())
        .send({ authorId: 'a-twelve', period: '2026-02', amountMicros: 7_000_000, reason: 'must not stay' });
      expect(res.status).toBeGreaterThanOrEqual(400);
    } finally {
      await t.db.pool.query(`DROP TRIGGER refuse_keys ON idempotency_keys; DROP FUNCTION refuse_keys()`);
    }
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM adjustments`)).rows[0].n).toBe(before);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE reason = 'must not stay'`)).rows[0].n).toBe(0);
  });

  describe('concurrent repeats of a state change with different keys (two people, two tabs)', () => {
    it('10 starts of one period: one run, attempt 1, one audit row', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http.post('/api/payout-runs').set(auth(starter)).set('Idempotency-Key', randomUUID()).send({ period: '2026-02' }),
        ),
      );
      expect(answers.map((a) => a.status).filter((s) => s !== 202 && s !== 409)).toEqual([]);
      const run = answers.find((a) => a.status === 202)!.body;
      await waitForRun(t, starter, run.id);
      expect((await t.db.pool.query(`SELECT attempt FROM payout_runs WHERE period = '2026-02'`)).rows).toEqual([{ attempt: 1 }]);
      expect(await audits('payout-run.start', run.id)).toBe(1);
      expect(await audits('payout-run.recompute', run.id)).toBe(0);
    });

    it('10 approvals: one approves, the others are told it is approved; one audit row', async () => {
      const {
        rows: [run],
      } = await t.db.pool.query(`SELECT id FROM payout_runs WHERE period = '2026-02'`);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http.post(`/api/payout-runs/${run.id}/approve`).set(auth(approver)).set('Idempotency-Key', randomUUID()).send(),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
      expect(await audits('payout-run.approve', run.id)).toBe(1);
    });

    it('10 mark-paid: all answered 200 with the paid run; one change, one audit row', async () => {
      const {
        rows: [run],
      } = await t.db.pool.query(`SELECT id FROM payout_runs WHERE period = '2026-02'`);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http.post(`/api/payout-runs/${run.id}/mark-paid`).set(auth(approver)).set('Idempotency-Key', randomUUID()).send({}),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers.every((a) => a.body.status === 'paid')).toBe(true);
      expect(await audits('payout-run.mark-paid', run.id)).toBe(1);
    });
  });
});
