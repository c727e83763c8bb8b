import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignalsService } from '../../libs/integrity/src/index.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';
import { loadPlantedMonth, PERIOD } from './month.js';

interface CaseView {
  id: string;
  kind: string;
  status: string;
  signals: string[];
  authorId: string;
  claimedBy: string | null;
  moneyAtStakeMicros: string | null;
}

/**
 * The integrity queue's API: list (sort, filter, Content-Range), show with evidence, claims
 * (one reviewer at a time), notes and history, and the four decisions with their effects in
 * payouts and eligibility, each audited and reversible.
 */
describe('integrity cases API', () => {
  let t: TestApp;
  let alice: string;
  let bob: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const list = async (query = '') => (await t.http.get(`/api/integrity-cases${query}`).set(auth(alice)).expect(200)).body as CaseView[];
  const bySignal = async (signal: string) => (await list(`?filter=${encodeURIComponent(JSON.stringify({ signal, status: 'open' }))}`))[0];
  const decide = (token: string, id: string, body: object) =>
    t.http.post(`/api/integrity-cases/${id}/decide`).set(auth(token)).set(newKey()).send(body);
  const revert = (id: string) =>
    t.http.post(`/api/integrity-cases/${id}/revert`).set(auth(alice)).set(newKey()).send({ reason: 'second look' });
  const audit = async (id: string) =>
    (
      await t.db.pool.query(`SELECT action FROM audit_log WHERE entity_type = 'integrity_case' AND entity_id = $1 ORDER BY at, id`, [id])
    ).rows.map((r) => r.action);

  beforeAll(async () => {
    t = await startTestApp();
    await loadPlantedMonth(t.db.pool, { seed: 3, sessions: 40000, rings: 2, farms: 2, concentrations: 2 });
    await t.app.get(SignalsService).detect(PERIOD);
    alice = await t.tokenFor(['integrity'], 'alice-integrity@test.example');
    bob = await t.tokenFor(['integrity'], 'bob-integrity@test.example');
  });
  afterAll(() => t.close());

  it('lists the cases, sorted and filtered, with money at stake not computed yet; other roles are refused', async () => {
    const res = await t.http.get('/api/integrity-cases?sort=["score","DESC"]&range=[0,2]').set(auth(alice)).expect(200);
    expect(res.headers['content-range']).toMatch(/^integrity-cases 0-2\/6$/);
    const scores = (res.body as { score: number }[]).map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(res.body[0]).toMatchObject({ status: 'open', moneyAtStakeMicros: null });
    expect((await list(`?filter=${encodeURIComponent(JSON.stringify({ kind: 'ring' }))}`)).map((c) => c.kind)).toEqual(['ring', 'ring']);
    expect((await bySignal('farm')).signals).toEqual(['farm']);
    const support = await t.tokenFor(['support']);
    await t.http.get('/api/integrity-cases').set(auth(support)).expect(403);
    const bad = await t.http
      .get(`/api/integrity-cases?filter=${encodeURIComponent(JSON.stringify({ status: 'nope' }))}`)
      .set(auth(alice))
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('status');
  });

  it('shows a case with its evidence, pairs and history', async () => {
    const farm = await bySignal('farm');
    const { body } = await t.http.get(`/api/integrity-cases/${farm.id}`).set(auth(alice)).expect(200);
    expect(body.flags[0]).toMatchObject({ signal: 'farm', evidence: { memberCount: expect.any(Number), histogram: expect.any(Array) } });
    expect(body.pairs.length).toBeGreaterThan(10);
    expect(body.history.map((e: { kind: string }) => e.kind)).toEqual(['detected']);
    expect(body.moneyAtStakeNote).toBe('not computed yet');
    await t.http.get('/api/integrity-cases/00000000-0000-0000-0000-000000000000').set(auth(alice)).expect(404);
  });

  it('one reviewer at a time: a claim keeps others from claiming and deciding; notes go into the history', async () => {
    const c = await bySignal('concentration');
    await t.http.post(`/api/integrity-cases/${c.id}/claim`).set(auth(alice)).expect(200);
    const taken = await t.http.post(`/api/integrity-cases/${c.id}/claim`).set(auth(bob)).expect(409);
    expect(taken.body.details).toMatchObject({ reason: 'claimed', claimedByEmail: 'alice-integrity@test.example' });
    await decide(bob, c.id, { decision: 'dismiss', reason: 'looks fine' }).expect(409);
    const history = (
      await t.http.post(`/api/integrity-cases/${c.id}/notes`).set(auth(alice)).send({ body: 'checking the sessions' }).expect(200)
    ).body;
    expect(history.map((e: { kind: string; body: string | null }) => [e.kind, e.body])).toEqual([
      ['detected', null],
      ['claimed', null],
      ['note', 'checking the sessions'],
    ]);
    await t.http.post(`/api/integrity-cases/${c.id}/notes`).set(auth(alice)).send({ body: '' }).expect(400);
    await t.http.post(`/api/integrity-cases/${c.id}/release`).set(auth(alice)).expect(200);
    expect(await audit(c.id)).toEqual(['integrity-case.claim', 'integrity-case.note', 'integrity-case.release']);
  });

  it('dismiss needs a reason; the dismissed pattern is not flagged again that period; revert reopens it', async () => {
    const c = await bySignal('concentration');
    const bad = await decide(alice, c.id, { decision: 'dismiss' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('reason');
    await decide(alice, c.id, { decision: 'nothing' }).expect(400);
    expect((await decide(alice, c.id, { decision: 'dismiss', reason: 'a real fan' }).expect(200)).body).toMatchObject({
      status: 'dismissed',
    });
    await decide(alice, c.id, { decision: 'dismiss', reason: 'again' }).expect(409);
    expect(await t.app.get(SignalsService).detect(PERIOD)).toMatchObject({ created: 0, skippedDecided: 1 });
    expect((await revert(c.id).expect(200)).body).toMatchObject({ status: 'open' });
    expect((await audit(c.id)).slice(-2)).toEqual(['integrity-case.dismiss', 'integrity-case.revert']);
  });

  it("exclude puts the case's pairs into the period's exclusions; revert revokes them", async () => {
    const farm = await bySignal('farm');
    const pairs = (await t.db.pool.query(`SELECT count(*)::int AS n FROM integrity_case_pairs WHERE case_id = $1`, [farm.id])).rows[0].n;
    const { body } = await decide(alice, farm.id, { decision: 'exclude' }).expect(200);
    expect(body).toMatchObject({ status: 'excluded' });
    const live = async () =>
      (
        await t.db.pool.query(`SELECT count(*)::int AS n FROM earnings_exclusions WHERE decision_ref = $1 AND revoked_at IS NULL`, [
          `integrity-case:${farm.id}`,
        ])
      ).rows[0].n;
    expect(await live()).toBe(pairs);
    await revert(farm.id).expect(200);
    expect(await live()).toBe(0);
  });

  it("hold records a hold of the author's payouts; revert releases it", async () => {
    const c = await bySignal('concentration');
    await decide(alice, c.id, { decision: 'hold', reason: 'one reader, most of the month' }).expect(200);
    const holds = async () =>
      (await t.db.pool.query(`SELECT released_at, forfeited_at FROM payout_holds WHERE decision_ref LIKE $1`, [`integrity-case:${c.id}%`]))
        .rows;
    expect(await holds()).toEqual([{ released_at: null, forfeited_at: null }]);
    await revert(c.id).expect(200);
    expect((await holds())[0].released_at).not.toBeNull();
  });

  it('forfeit ends a held case: its held payouts are forfeited, the case is final (no revert), audited', async () => {
    const open = await list(`?filter=${encodeURIComponent(JSON.stringify({ signal: 'concentration', status: 'open' }))}`);
    expect(open.length).toBeGreaterThanOrEqual(2);
    const c = open.at(-1)!;
    const forfeit = () =>
      t.http.post(`/api/integrity-cases/${c.id}/forfeit`).set(auth(alice)).set(newKey()).send({ reason: 'confirmed fraud' });
    await forfeit().expect(409); // only a held case can be forfeited
    await decide(alice, c.id, { decision: 'hold', reason: 'one reader, most of the month' }).expect(200);
    const { body } = await forfeit().expect(200);
    expect(body).toMatchObject({ status: 'forfeited', decisionReason: 'confirmed fraud' });
    const { rows } = await t.db.pool.query(`SELECT released_at, forfeited_at FROM payout_holds WHERE decision_ref LIKE $1`, [
      `integrity-case:${c.id}%`,
    ]);
    expect(rows.map((r) => [r.released_at, r.forfeited_at !== null])).toEqual([[null, true]]);
    expect((await revert(c.id).expect(409)).body.details).toEqual({ reason: 'forfeited' });
    expect((await audit(c.id)).slice(-2)).toEqual(['integrity-case.hold', 'integrity-case.forfeit']);
  });

  it("suspend suspends every writer of a ring (eligibility's partner status); revert reinstates them", async () => {
    const ring = (await list(`?filter=${encodeURIComponent(JSON.stringify({ kind: 'ring' }))}`))[0];
    const { body } = await decide(alice, ring.id, { decision: 'suspend', reason: 'reading ring' }).expect(200);
    expect(body).toMatchObject({ status: 'suspended' });
    const writers = (await t.db.pool.query(`SELECT DISTINCT member_key FROM integrity_case_pairs WHERE case_id = $1`, [ring.id])).rows
      .length;
    const partner = (
      await t.http
        .get(`/api/partners/${ring.authorId}`)
        .set(auth(await t.adminToken()))
        .expect(200)
    ).body;
    expect(partner.status).toBe('suspended');
    await revert(ring.id).expect(200);
    const after = (
      await t.http
        .get(`/api/partners/${ring.authorId}`)
        .set(auth(await t.adminToken()))
        .expect(200)
    ).body;
    expect(after.status).toBe('active');
    const changes = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM partner_status_changes WHERE reason IN ('reading ring', 'second look')`,
    );
    expect(changes.rows[0].n).toBe(2 * writers);
  });

  it('a suspension of a ring is all or none: one writer not enrolled refuses it, and no writer is suspended', async () => {
    const rings = await list(`?filter=${encodeURIComponent(JSON.stringify({ kind: 'ring', status: 'open' }))}`);
    const ring = rings.at(-1)!;
    const { rows: writers } = await t.db.pool.query(
      `SELECT DISTINCT mb.key, mb.id FROM integrity_case_pairs p JOIN members mb ON mb.key = p.member_key WHERE p.case_id = $1 ORDER BY mb.id`,
      [ring.id],
    );
    expect(writers.length).toBeGreaterThanOrEqual(2);
    // the last writer suspended (in id order) has left the program: the earlier ones would already be suspended
    await t.db.pool.query(`UPDATE enrollments SET left_at = now() WHERE member_key = $1 AND left_at IS NULL`, [writers.at(-1).key]);
    const res = await decide(alice, ring.id, { decision: 'suspend', reason: 'ring, all or none' }).expect(422);
    expect(res.body.details).toMatchObject({ rule: 'enrolled_partner' });
    const changes = await t.db.pool.query(`SELECT count(*)::int AS n FROM partner_status_changes WHERE reason = 'ring, all or none'`);
    expect(changes.rows[0].n).toBe(0);
    expect((await t.http.get(`/api/integrity-cases/${ring.id}`).set(auth(alice)).expect(200)).body.status).toBe('open');
  });
});
