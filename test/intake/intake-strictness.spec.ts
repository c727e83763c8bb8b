import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntakeHooks } from '../../libs/core/src/index.js';
import { MAX_NAME_LENGTH, MAX_TITLE_LENGTH } from '../../libs/core/src/text-limits.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { removeDir, runImport, validBundle, writeBundle } from './fixtures.js';

/*
 * Issue 12, intake: the feed's records are held to the staff API's rules (length bounds,
 * no unknown or prototype keys, charge arithmetic), and whatever a batch does to the
 * database answers per record or 409, never 500, never half a batch.
 */

const HUGE = 'x'.repeat(1_000_000);

describe('intake API strictness', () => {
  let t: TestApp;
  const post = (kind: string, body: unknown) => {
    const req = t.http.post(`/api/intake/${kind}`).set('X-Api-Key', t.config.intakeApiKey);
    return typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
  };
  const q = async (sql: string, params: unknown[] = []) => (await t.db.pool.query(sql, params)).rows;

  beforeAll(async () => {
    t = await startTestApp();
    const b = validBundle();
    for (const kind of ['members', 'publications', 'stories'] as const) await post(kind, b[kind]).expect(200);
  });
  afterAll(() => t.close());

  it('refuses a member name and a ticket subject longer than the staff API allows, per record', async () => {
    const [m1] = validBundle().members;
    const [ticket] = validBundle().tickets;
    const members = await post('members', [
      { ...m1, id: 'long-name', username: 'long', name: HUGE },
      { ...m1, id: 'max-name', username: 'max', name: 'é'.repeat(MAX_NAME_LENGTH) },
      { ...m1, id: 'astral-name', username: 'astral', name: '😀'.repeat(MAX_NAME_LENGTH) }, // 400 UTF-16 units, 200 characters
      { ...m1, id: 'over-name', username: 'over', name: 'a'.repeat(MAX_NAME_LENGTH + 1) },
    ]).expect(200);
    expect(members.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'inserted', 'inserted', 'rejected']);
    expect(members.body.results[0].reason).toBe(`name must be at most ${MAX_NAME_LENGTH} characters (got 1,000,000)`);
    expect(members.body.results[3].reason).toBe(`name must be at most ${MAX_NAME_LENGTH} characters (got ${MAX_NAME_LENGTH + 1})`);

    const tickets = await post('tickets', [
      { ...ticket, id: 'long-subject', subject: HUGE },
      { ...ticket, id: 'empty-subject', subject: ' ' },
    ]).expect(200);
    expect(tickets.body.rejections).toEqual([
      { index: 0, id: 'long-subject', reason: `subject must be at most ${MAX_TITLE_LENGTH} characters (got 1,000,000)` },
      { index: 1, id: 'empty-subject', reason: 'subject must not be empty' },
    ]);
    expect(await q(`SELECT id FROM members WHERE length(name) > $1`, [MAX_NAME_LENGTH])).toEqual([]);
    expect(await q(`SELECT count(*)::int AS n FROM tickets`)).toEqual([{ n: 0 }]);
  });

  it('refuses unknown fields, __proto__ and constructor by name, and keeps the valid records', async () => {
    const [v1, v2] = validBundle().sessions;
    // sent as text: a JSON object literal in JavaScript would turn "__proto__" into a prototype
    const body = `[${[
      JSON.stringify(v1),
      JSON.stringify({ ...v2, id: 'extra', note: 'hi' }),
      `{"__proto__": {"activeSeconds": 5}, ${JSON.stringify({ ...v2, id: 'proto' }).slice(1)}`,
      JSON.stringify({ ...v2, id: 'ctor', constructor: 'x', prototype: 1 }),
    ].join(', ')}]`;
    const res = await post('sessions', body).expect(200);
    expect(res.body).toMatchObject({ received: 4, inserted: 1, rejected: 3 });
    const fields = 'sessions records have id, storyId, readerId, startedAt, activeSeconds, mode';
    expect(res.body.rejections).toEqual([
      { index: 1, id: 'extra', reason: `unknown field "note" (${fields})` },
      { index: 2, id: 'proto', reason: `unknown field "__proto__" (${fields})` },
      { index: 3, id: 'ctor', reason: `unknown fields "constructor", "prototype" (${fields})` },
    ]);
    expect(await q(`SELECT id FROM sessions ORDER BY id`)).toEqual([{ id: 'v1' }]);
    await t.db.pool.query(`DELETE FROM sessions`);
  });

  it('refuses a charge whose net is not gross − fee', async () => {
    const [c] = validBundle().charges;
    const res = await post('charges', [
      c,
      { ...c, id: 'ch-bad', netCents: 456 },
      { ...c, id: 'ch-fee', grossCents: 40, feeCents: 45, netCents: 0 },
    ]).expect(200);
    expect(res.body.rejections).toEqual([
      { index: 1, id: 'ch-bad', reason: 'netCents must be grossCents − feeCents (500 − 45 = 455, got 456)' },
      { index: 2, id: 'ch-fee', reason: 'feeCents must not exceed grossCents (45 > 40)' },
    ]);
    expect(await q(`SELECT id FROM charges`)).toEqual([{ id: 'ch1' }]);
  });

  it('20 parallel batches of different applications for one member: one is pending, the others are refused per record, no 500', async () => {
    const [app] = validBundle().applications;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post('applications', [{ ...app, id: `par${i}`, memberId: 'M4' }])),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const statuses = responses.map((r) => r.body.results[0].status);
    expect(statuses.filter((s) => s === 'inserted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'rejected')).toHaveLength(19);
    const [winner] = await q(
      `SELECT a.id FROM applications a JOIN members m ON m.key = a.member_key WHERE m.id = 'M4' AND a.status = 'pending'`,
    );
    for (const r of responses.filter((x) => x.body.results[0].status === 'rejected')) {
      expect(r.body.results[0].reason).toBe(`member M4 already has a pending application (${winner.id})`);
    }
    expect(await q(`SELECT count(*)::int AS n FROM applications a JOIN members m ON m.key = a.member_key WHERE m.id = 'M4'`)).toEqual([
      { n: 1 },
    ]);
  });

  it('parallel batches updating the same records in different orders all succeed (no deadlock)', async () => {
    const [s] = validBundle().sessions;
    const ids = Array.from({ length: 300 }, (_, i) => `dl${String(i).padStart(3, '0')}`);
    await post(
      'sessions',
      ids.map((id) => ({ ...s, id })),
    ).expect(200);
    const batch = (n: number) => {
      const order = n % 2 ? [...ids].reverse() : ids.slice(n * 37).concat(ids.slice(0, n * 37));
      return order.map((id) => ({ ...s, id, activeSeconds: 1000 + n }));
    };
    const responses = await Promise.all(Array.from({ length: 8 }, (_, n) => post('sessions', batch(n))));
    expect(responses.map((r) => [r.status, r.body.received])).toEqual(Array(8).fill([200, 300]));
    const [{ values }] = await q(`SELECT count(DISTINCT active_seconds)::int AS values FROM sessions WHERE id LIKE 'dl%'`);
    expect(values).toBe(1); // each batch applied whole: the last one to commit wrote every row
    await t.db.pool.query(`DELETE FROM sessions`);
  });

  it('a database conflict the batch keeps causing is a 409 naming the constraint, and nothing of the batch is written', async () => {
    t.app.get(IntakeHooks).register('nominations', async (manager, ids) => {
      if (ids.includes('n-conflict'))
        await manager.query(`DO $$ BEGIN RAISE unique_violation USING CONSTRAINT = 'some_unique_key'; END $$`);
    });
    const [nom] = validBundle().nominations;
    const res = await post('nominations', [
      { ...nom, id: 'n-ok' },
      { ...nom, id: 'n-conflict' },
    ]).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'conflict', details: { constraint: 'some_unique_key' } });
    expect(res.body.message).toMatch(
      /^the nominations batch conflicted with a concurrent change \(some_unique_key\); nothing of it was written/,
    );
    expect(await q(`SELECT count(*)::int AS n FROM nominations`)).toEqual([{ n: 0 }]);
  });
});

describe('bundle import strictness', () => {
  let db: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await removeDir(folder);
    await db.drop();
  });

  it('reports long texts, unknown fields and bad charge arithmetic with file, line and field', async () => {
    const b = validBundle();
    b.members.push({ ...b.members[0], id: 'm9', username: 'nine', name: HUGE }); // line 5
    b.sessions.push({ ...b.sessions[0], id: 'v9', extra: true }); // line 4
    b.charges.push({ ...b.charges[0], id: 'ch2', netCents: 1 }); // line 2
    folder = await writeBundle({
      ...b,
      tickets: [...b.tickets, `{"__proto__": null, ${JSON.stringify({ ...b.tickets[0], id: 't2' }).slice(1)}`], // line 2
    });
    const run = await runImport(db.url, folder);
    expect(run.rejections.map((r) => [r.file, r.line, r.id, r.reason.replace(/ \(\w+ records have .*\)$/, '')])).toEqual([
      ['members.ndjson', 5, 'm9', `name must be at most ${MAX_NAME_LENGTH} characters (got 1,000,000)`],
      ['charges.ndjson', 2, 'ch2', 'netCents must be grossCents − feeCents (500 − 45 = 455, got 1)'],
      ['sessions.ndjson', 4, 'v9', 'unknown field "extra"'],
      ['tickets.ndjson', 2, 't2', 'unknown field "__proto__"'],
    ]);
    expect(run.byKind.sessions).toMatchObject({ inserted: 3, rejected: 1 });
  });
});
