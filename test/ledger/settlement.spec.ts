import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { emptyBundle, type Bundle } from '../oracle/bundle.js';
import { startRun, statements } from '../payouts/helpers.js';
import { loadBundle } from '../support/load-bundle.js';
import { newKey, startTestApp, type TestApp } from '../support/app.js';

const MONTHS = ['2026-01', '2026-02'];
const WRITERS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];

/** Six writers, each with one reader whose $30 net (half of it theirs: $15) goes to them, in January and February. */
function settlementBundle(): Bundle {
  const b = emptyBundle();
  for (const name of WRITERS) {
    const [author, reader] = [`a-${name}`, `r-${name}`];
    for (const id of [author, reader]) {
      b.members.push({
        id,
        username: id,
        name: id,
        email: `${id}@x.test`,
        country: 'US',
        birthDate: '1990-01-01',
        joinedAt: '2025-01-01T00:00:00Z',
      });
    }
    b.enrollments.push({ id: `en-${name}`, memberId: author, enrolledAt: '2025-06-01T00:00:00Z', leftAt: null });
    b.payoutAccounts.push({ memberId: author, provider: 'stripe', accountRef: `acct_${name}`, status: 'verified', taxStatus: 'verified' });
    b.memberships.push({
      id: `ms-${name}`,
      memberId: reader,
      plan: 'monthly',
      tier: 'member',
      startedAt: '2025-12-01T00:00:00Z',
      endedAt: null,
    });
    b.stories.push({
      id: `s-${name}`,
      authorId: author,
      publicationId: null,
      title: name,
      publishedAt: '2025-12-01T00:00:00Z',
      membersOnly: true,
      status: 'published',
    });
    MONTHS.forEach((month, i) => {
      b.charges.push({
        id: `ch-${name}-${i}`,
        memberId: reader,
        plan: 'monthly',
        coversFrom: month,
        chargedAt: `${month}-01T08:00:00Z`,
        grossCents: 3050,
        feeCents: 50,
        netCents: 3000,
        status: 'paid',
      });
      b.sessions.push({
        id: `ss-${name}-${i}`,
        storyId: `s-${name}`,
        readerId: reader,
        startedAt: `${month}-10T12:00:00Z`,
        activeSeconds: 300,
        mode: 'read',
      });
    });
  }
  return b;
}

/**
 * Acceptance 3 of issue 17: a settlement file with paid, failed, returned, unknown and
 * amount-mismatch lines previews right; applying it twice equals applying it once; a failed
 * line's amount is back in the author's next opening balance.
 */
describe('settlement files (reconciliation with the processor)', () => {
  let t: TestApp;
  let starter: string;
  let finance: string;
  let runId: string;
  let ids: Record<string, string>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const HEAD = 'reference,status,amount,date,failure_code\n';
  let fileB: string;

  const post = (path: string, body: object, token = finance) =>
    t.http.post(`/api/payout-runs/${runId}/${path}`).set(auth(token)).set(newKey()).send(body);
  /** What the reconciliation writes: payout states, ledger entries and events, settlement rows, audit entries. */
  const snapshot = async () => {
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT json_object_agg(au.id, sm.payout_state || ':' || coalesce(sm.payout_failure_code, '') ORDER BY au.id)
                FROM statements sm JOIN members au ON au.key = sm.author_key WHERE sm.run_id = $1) AS states,
              (SELECT count(*)::int FROM ledger_entries) AS entries, (SELECT count(*)::int FROM ledger_payout_events) AS events,
              (SELECT count(*)::int FROM settlement_files) AS files, (SELECT count(*)::int FROM settlement_lines) AS lines,
              (SELECT count(*)::int FROM audit_log) AS audit, (SELECT status FROM payout_runs WHERE id = $1) AS run`,
      [runId],
    );
    return rows[0];
  };

  beforeAll(async () => {
    t = await startTestApp();
    await loadBundle(t.db.pool, settlementBundle());
    await t.startWorker();
    starter = await t.tokenFor(['finance']);
    finance = await t.tokenFor(['finance']);
    const run = await startRun(t, starter, MONTHS[0]!);
    runId = run.id;
    // A computed run has no payouts to settle.
    const early = await post('settlement-preview', { content: `${HEAD}x,paid,1,2026-02-03,\n` }).expect(409);
    expect(early.body.code).toBe('conflict');
    await t.http.post(`/api/payout-runs/${runId}/approve`).set(auth(finance)).set(newKey()).expect(200);
    const st = await statements(t, finance, runId);
    ids = Object.fromEntries(WRITERS.map((w) => [w, st[`a-${w}`]!.id as string]));
    expect(WRITERS.map((w) => st[`a-${w}`]!.payoutCents)).toEqual(WRITERS.map(() => 1500));
  });
  afterAll(() => t.close());

  it('a first file moves p3 to transferred; the run stays approved while payouts wait', async () => {
    const res = await post('settlement', { content: `${HEAD}${ids.p3},paid,15.00,2026-02-03,\n`, fileName: 'first.csv' }).expect(200);
    expect(res.body).toMatchObject({ applied: { payouts: 1, amountMicros: 15_000_000 }, runStatus: 'approved' });
    expect((await snapshot()).states['a-p3']).toBe('transferred:');
  });

  it('previews paid, failed, returned, unknown, mismatched, duplicate and refused lines, and the missing payout, writing nothing', async () => {
    fileB = [
      HEAD.trim(),
      `${ids.p1},paid,15.00,2026-02-05,`,
      `a-p2,failed,15,2026-02-05,account_closed`, // by payout reference (the author id)
      `${ids.p3},returned,15.00,2026-02-06,no_account`,
      `nobody,paid,15.00,2026-02-05,`,
      `${ids.p4},paid,14.99,2026-02-05,`,
      `${ids.p1},paid,15.00,2026-02-05,`,
      `${ids.p5},returned,15.00,2026-02-05,could_not_process`, // pending → reversed is no transition
    ].join('\n');
    const before = await snapshot();
    const { body } = await post('settlement-preview', { content: fileB }).expect(200);
    expect(await snapshot()).toEqual(before);
    expect(body.classes).toEqual({
      matched: { lines: 3, amountMicros: 45_000_000 },
      already_applied: { lines: 0, amountMicros: 0 },
      amount_mismatch: { lines: 1, amountMicros: 14_990_000 },
      unknown_reference: { lines: 1, amountMicros: 15_000_000 },
      duplicate: { lines: 1, amountMicros: 15_000_000 },
      transition_not_allowed: { lines: 1, amountMicros: 15_000_000 },
    });
    expect(body.missing).toEqual({ payouts: 1, pending: 1, amountMicros: 15_000_000 });
    expect(body.missingPayouts).toEqual([{ statementId: ids.p6, authorId: 'a-p6', state: 'pending', amountMicros: 15_000_000 }]);
    expect(body.changes).toEqual({
      transferred: { payouts: 1, amountMicros: 15_000_000 },
      failed: { payouts: 1, amountMicros: 15_000_000 },
      reversed: { payouts: 1, amountMicros: 15_000_000 },
    });
    const byLine = Object.fromEntries(body.lines.map((l: { line: number }) => [l.line, l]));
    expect(byLine[3]).toMatchObject({ class: 'matched', statementId: ids.p2, currentState: 'pending', newState: 'failed' });
    expect(byLine[3].failure).toMatchObject({ writerMustAct: true, tellWriter: expect.stringContaining('payout settings') });
    expect(byLine[4]).toMatchObject({ class: 'matched', currentState: 'transferred', newState: 'reversed' });
    expect(byLine[6]).toMatchObject({ class: 'amount_mismatch', amountMicros: 14_990_000, expectedMicros: 15_000_000, newState: null });
    expect(byLine[7]).toMatchObject({ class: 'duplicate', reason: 'the payout is already named on line 2' });
    expect(byLine[8]).toMatchObject({ class: 'transition_not_allowed', currentState: 'pending' });
    // Problems first.
    expect(body.lines.map((l: { line: number }) => l.line)).toEqual([5, 6, 7, 8, 2, 3, 4]);
    expect(body.alreadyApplied).toBeNull();
  });

  it('applying moves only the matched lines (and the ledger) once; the same file again, under another key, changes nothing', async () => {
    const key = newKey();
    const first = await t.http
      .post(`/api/payout-runs/${runId}/settlement`)
      .set(auth(finance))
      .set(key)
      .send({ content: fileB })
      .expect(200);
    expect(first.body.applied).toEqual({ fileId: expect.any(String), payouts: 3, amountMicros: 45_000_000 });
    const once = await snapshot();
    expect(once.states).toEqual({
      'a-p1': 'transferred:',
      'a-p2': 'failed:account_closed',
      'a-p3': 'reversed:no_account',
      'a-p4': 'pending:',
      'a-p5': 'pending:',
      'a-p6': 'pending:',
    });
    expect(once.run).toBe('approved');
    // The same request (same key): the stored answer.
    const replay = await t.http
      .post(`/api/payout-runs/${runId}/settlement`)
      .set(auth(finance))
      .set(key)
      .send({ content: fileB })
      .expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // The same file under a new key, by someone else too: nothing written, the earlier application named.
    for (const token of [finance, starter]) {
      const again = await post('settlement', { content: fileB, fileName: 'again.csv' }, token).expect(200);
      expect(again.body).toMatchObject({ applied: null, alreadyApplied: { fileId: first.body.applied.fileId } });
      expect(again.body.classes.already_applied.lines).toBe(3);
    }
    expect(await snapshot()).toEqual(once);
    // The same lines in another file (CRLF, so another hash): stored, but every line was applied already.
    const crlf = await post('settlement', { content: fileB.replace(/\n/g, '\r\n') }).expect(200);
    expect(crlf.body).toMatchObject({
      applied: { payouts: 0, amountMicros: 0 },
      classes: { matched: { lines: 0 }, already_applied: { lines: 3 } },
    });
    const after = await snapshot();
    expect({ ...after, files: once.files, lines: once.lines, audit: once.audit }).toEqual(once);
    // The journal still agrees with the runs and events.
    const { body: integrity } = await t.http.get('/api/ledger/integrity').set(auth(finance)).expect(200);
    expect(integrity.ok).toBe(true);
    const { body: files } = await t.http.get(`/api/payout-runs/${runId}/settlements`).set(auth(finance)).expect(200);
    expect(files.map((f: { appliedCount: number }) => f.appliedCount)).toEqual([0, 3, 1]);
    // An applied file keeps its lines as classified then, with the changes they made.
    const { body: stored } = await t.http
      .get(`/api/payout-runs/${runId}/settlements/${first.body.applied.fileId}`)
      .set(auth(finance))
      .expect(200);
    expect(stored).toMatchObject({ lineCount: 7, appliedCount: 3, appliedMicros: '45000000', linesTruncated: false });
    expect(stored.lines.map((l: { class: string }) => l.class)).toEqual([
      'matched',
      'matched',
      'matched',
      'unknown_reference',
      'amount_mismatch',
      'duplicate',
      'transition_not_allowed',
    ]);
    expect(stored.lines[1]).toMatchObject({
      line: 3,
      authorId: 'a-p2',
      fromState: 'pending',
      toState: 'failed',
      failureCode: 'account_closed',
      date: '2026-02-05',
    });
    await t.http.get(`/api/payout-runs/${runId}/settlements/00000000-0000-4000-8000-000000000000`).set(auth(finance)).expect(404);
  });

  it('refuses a bad file naming its line and column, other roles, and an unknown run', async () => {
    const bad = await post('settlement', { content: `${HEAD}${ids.p4},paid,15.0.0,2026-02-05,\n` }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'content', line: 2, column: 'amount', message: expect.any(String) }]);
    expect(bad.body.message).toContain('line 2, column amount');
    const support = await t.tokenFor(['support']);
    await post('settlement-preview', { content: fileB }, support).expect(403);
    await post('settlement', { content: fileB }, support).expect(403);
    await t.http
      .post(`/api/payout-runs/00000000-0000-4000-8000-000000000000/settlement-preview`)
      .set(auth(finance))
      .send({ content: fileB })
      .expect(404);
  });

  it('two people applying the same new file at once: it applies once', async () => {
    const content = `${HEAD}${ids.p6},paid,15.00,2026-02-07,\n`;
    const before = await snapshot();
    const answers = await Promise.all([post('settlement', { content }), post('settlement', { content }, starter)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.body.applied?.payouts ?? null).sort()).toEqual([1, null]);
    const after = await snapshot();
    expect(after.states['a-p6']).toBe('transferred:');
    expect([after.files - before.files, after.events - before.events]).toEqual([1, 1]);
  });

  it('the failed and the returned payouts are back in their authors’ next opening balance; mark-paid settles the rest', async () => {
    // p4 was paid after all, at the right amount: a later file says so.
    await post('settlement', { content: `${HEAD}${ids.p4},paid,15.00,2026-02-07,\n` }).expect(200);
    const misplaced = await post('mark-paid', {
      payouts: [{ statementId: ids.p5, state: 'transferred', failureCode: 'account_closed' }],
    }).expect(400);
    expect(misplaced.body.details[0].field).toBe('payouts.0.failureCode');
    await post('mark-paid', {
      payouts: [{ statementId: ids.p5, state: 'failed', failureCode: 'invalid_account_number', note: 'typo in IBAN' }],
    }).expect(200);
    const s = await snapshot();
    expect(s.run).toBe('paid');
    expect(s.states['a-p5']).toBe('failed:invalid_account_number');
    expect(s.states['a-p6']).toBe('transferred:');
    const next = await statements(t, starter, (await startRun(t, starter, MONTHS[1]!)).id);
    const opening = (w: string) => next[`a-${w}`]!.openingMicros;
    expect(WRITERS.map(opening)).toEqual([0, 15_000_000, 15_000_000, 0, 15_000_000, 0]);
    expect(next['a-p2']).toMatchObject({ returnedStatementIds: [ids.p2], payoutCents: 3000 });
  });
});
