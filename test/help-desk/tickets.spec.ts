import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { emptyBundle } from '../oracle/bundle.js';
import { loadBundle } from '../support/load-bundle.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Tickets, notes and saved replies through the API (no payout run: explanations are in explanation.spec.ts). */
describe('help-desk tickets and saved replies', () => {
  let t: TestApp;
  let support: string;
  let supportId: string;
  let finance: string;
  let financeId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = async (token: string) => (await t.http.get('/api/auth/me').set(auth(token)).expect(200)).body.id as string;

  /** A ticket as intake writes it: the feed fields only. */
  const intakeTicket = (id: string, member: string, category: string, createdAt: string) =>
    t.db.pool.query(
      `INSERT INTO tickets (id, member_key, category, subject, body, story_key, period, created_at)
       SELECT $1, key, $3, 'Subject ' || $1, 'Body of ' || $1, NULL, NULL, $4 FROM members WHERE id = $2`,
      [id, member, category, createdAt],
    );

  beforeAll(async () => {
    t = await startTestApp();
    const b = emptyBundle();
    for (const [id, name] of [
      ['w1', 'Ada Lovelace'],
      ['w2', 'Grace Hopper'],
    ] as const) {
      b.members.push({
        id,
        username: id,
        name,
        email: `${id}@x.test`,
        country: 'US',
        birthDate: '1990-01-01',
        joinedAt: '2024-01-01T00:00:00Z',
      });
    }
    b.stories.push({
      id: 'st-w1',
      authorId: 'w1',
      publicationId: null,
      title: 'Engines',
      publishedAt: '2026-01-01T00:00:00Z',
      membersOnly: true,
      status: 'published',
    });
    b.stories.push({
      id: 'st-w2',
      authorId: 'w2',
      publicationId: null,
      title: 'Compilers',
      publishedAt: '2026-01-01T00:00:00Z',
      membersOnly: true,
      status: 'published',
    });
    await loadBundle(t.db.pool, b);
    support = await t.tokenFor(['support']);
    supportId = await me(support);
    finance = await t.tokenFor(['finance']);
    financeId = await me(finance);
    await intakeTicket('form-old', 'w1', 'missing_payout', '2026-01-02T10:00:00Z');
    await intakeTicket('form-new', 'w2', 'referral', '2026-03-02T10:00:00Z');
  });
  afterAll(() => t.close());

  it('support opens a ticket (tkt_<uuid>), with each bad field named in a 400', async () => {
    const res = await t.http
      .post('/api/tickets')
      .set(auth(support))
      .send({ memberId: 'w1', category: 'earnings_drop', subject: 'Earnings fell', body: 'Why?', storyId: 'st-w1', period: '2026-10' })
      .expect(201);
    expect(res.body).toMatchObject({
      memberId: 'w1',
      memberName: 'Ada Lovelace',
      category: 'earnings_drop',
      storyId: 'st-w1',
      storyTitle: 'Engines',
      period: '2026-10',
      status: 'open',
      source: 'support',
      openedBy: supportId,
      assigneeId: null,
      resolution: null,
      notes: [],
      explanationPath: `/api/tickets/${res.body.id}/explanation`,
    });
    expect(res.body.id).toMatch(/^tkt_[0-9a-f-]{36}$/);

    const bad = await t.http
      .post('/api/tickets')
      .set(auth(support))
      .send({ memberId: 'w1', category: 'money', subject: '', body: 'x', period: '2026-13' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'period', 'subject']);
    const unknown = await t.http
      .post('/api/tickets')
      .set(auth(support))
      .send({ memberId: 'nobody', category: 'other', subject: 's', body: 'b' })
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'memberId', message: 'unknown member' }]);
    const other = await t.http
      .post('/api/tickets')
      .set(auth(support))
      .send({ memberId: 'w1', category: 'other', subject: 's', body: 'b', storyId: 'st-w2' })
      .expect(400);
    expect(other.body.details[0].field).toBe('storyId');
    await t.http.post('/api/tickets').set(auth(finance)).send({ memberId: 'w1', category: 'other', subject: 's', body: 'b' }).expect(403);
  });

  it('lists oldest open first, with filters by status, category, assignee and age; unknown filters are a 400', async () => {
    const list = await t.http.get('/api/tickets').set(auth(finance)).expect(200);
    expect(list.body.slice(0, 2).map((x: { id: string }) => x.id)).toEqual(['form-old', 'form-new']);
    expect(list.body[0]).toMatchObject({ source: 'intake', status: 'open', openedBy: null, memberId: 'w1' });
    expect(list.headers['content-range']).toMatch(/^tickets 0-\d+\/\d+$/);

    const byCategory = await t.http
      .get('/api/tickets')
      .query({ filter: JSON.stringify({ category: 'referral' }) })
      .set(auth(support))
      .expect(200);
    expect(byCategory.body.map((x: { id: string }) => x.id)).toEqual(['form-new']);
    const old = await t.http
      .get('/api/tickets')
      .query({ filter: JSON.stringify({ ageDays_gte: 100, status: 'open' }) })
      .set(auth(support))
      .expect(200);
    expect(old.body.map((x: { id: string }) => x.id).sort()).toEqual(['form-new', 'form-old']);
    expect(old.body.every((x: { ageDays: number }) => x.ageDays >= 100)).toBe(true);

    await t.http.put('/api/tickets/form-new').set(auth(support)).send({ assigneeId: supportId }).expect(200);
    const mine = await t.http
      .get('/api/tickets')
      .query({ filter: JSON.stringify({ assigneeId: supportId }) })
      .set(auth(support))
      .expect(200);
    expect(mine.body.map((x: { id: string }) => x.id)).toEqual(['form-new']);
    const unassigned = await t.http
      .get('/api/tickets')
      .query({ filter: JSON.stringify({ assigned: false }), sort: JSON.stringify(['createdAt', 'DESC']) })
      .set(auth(support))
      .expect(200);
    expect(unassigned.body.map((x: { id: string }) => x.id)).not.toContain('form-new');

    const bad = await t.http
      .get('/api/tickets')
      .query({ filter: JSON.stringify({ colour: 'red' }) })
      .set(auth(support))
      .expect(400);
    expect(bad.body.details[0].field).toBe('filter.colour');
    await t.http
      .get('/api/tickets')
      .set(auth(await t.tokenFor(['reviewer'])))
      .expect(403);
  });

  it('moves through open → pending → resolved, reopens, and audits every change', async () => {
    await intakeTicket('form-flow', 'w2', 'boost', '2026-04-01T00:00:00Z');
    const pending = await t.http.put('/api/tickets/form-flow').set(auth(support)).send({ status: 'pending', storyId: 'st-w2' }).expect(200);
    expect(pending.body).toMatchObject({ status: 'pending', storyId: 'st-w2', resolvedAt: null });

    const noText = await t.http.put('/api/tickets/form-flow').set(auth(support)).send({ status: 'resolved' }).expect(422);
    expect(noText.body.details.rule).toBe('resolution_required');
    const resolved = await t.http
      .post('/api/tickets/form-flow/resolve')
      .set(auth(support))
      .send({ resolution: 'Explained the boost window.' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'Explained the boost window.' });
    expect(resolved.body.resolvedAt).not.toBeNull();
    await t.http.post('/api/tickets/form-flow/resolve').set(auth(support)).send({ resolution: 'again' }).expect(409);

    // react-admin sends the whole record back: read-only fields are ignored.
    const edited = await t.http
      .put('/api/tickets/form-flow')
      .set(auth(support))
      .send({ ...resolved.body, resolution: 'Explained the boost window (UTC).' })
      .expect(200);
    expect(edited.body.resolution).toBe('Explained the boost window (UTC).');

    const reopened = await t.http.post('/api/tickets/form-flow/reopen').set(auth(support)).send({ reason: 'writer replied' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', resolution: null, resolvedAt: null });
    await t.http.post('/api/tickets/form-flow/reopen').set(auth(support)).send({}).expect(409);

    const { rows } = await t.db.pool.query(
      `SELECT action, actor_email, reason FROM audit_log WHERE entity_type = 'ticket' AND entity_id = 'form-flow' ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['ticket.update', 'ticket.resolve', 'ticket.update', 'ticket.reopen']);
    expect(rows[3].reason).toBe('writer replied');
  });

  it('exactly one of two agents resolving at once wins; the other gets a 409', async () => {
    await intakeTicket('form-race', 'w1', 'other', '2026-04-02T00:00:00Z');
    const codes = await Promise.all(
      [support, await t.tokenFor(['support'])].map((tok) =>
        t.http
          .post('/api/tickets/form-race/resolve')
          .set(auth(tok))
          .send({ resolution: 'done' })
          .then((r) => r.status),
      ),
    );
    expect(codes.sort()).toEqual([200, 409]);
  });

  it('assigns only active support staff', async () => {
    const financeOnly = await t.http.put('/api/tickets/form-old').set(auth(support)).send({ assigneeId: financeId }).expect(422);
    expect(financeOnly.body.details.rule).toBe('assignee_not_support');
    const unknown = await t.http
      .put('/api/tickets/form-old')
      .set(auth(support))
      .send({ assigneeId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(unknown.body.details[0].field).toBe('assigneeId');
    await t.http.put('/api/tickets/form-old').set(auth(support)).send({ assigneeId: 'not-a-uuid' }).expect(400);
    const cleared = await t.http.put('/api/tickets/form-old').set(auth(support)).send({ assigneeId: null }).expect(200);
    expect(cleared.body.assigneeId).toBeNull();
    await t.http.get('/api/tickets/no-such-ticket').set(auth(support)).expect(404);
    await t.http.put('/api/tickets/no-such-ticket').set(auth(support)).send({ status: 'pending' }).expect(404);
  });

  it('internal notes are listed on the ticket, audited, and cannot be edited', async () => {
    const note = await t.http.post('/api/tickets/form-old/notes').set(auth(support)).send({ body: 'Checked the payout file.' }).expect(201);
    expect(note.body).toMatchObject({ ticketId: 'form-old', body: 'Checked the payout file.', authorId: supportId });
    const ticket = await t.http.get('/api/tickets/form-old').set(auth(finance)).expect(200);
    expect(ticket.body.notes).toEqual([expect.objectContaining({ id: note.body.id, body: 'Checked the payout file.' })]);
    const { rows } = await t.db.pool.query(`SELECT action FROM audit_log WHERE entity_id = 'form-old' AND action = 'ticket.note'`);
    expect(rows).toHaveLength(1);
    await expect(t.db.pool.query(`UPDATE ticket_notes SET body = 'changed' WHERE id = $1`, [note.body.id])).rejects.toThrow(/append-only/);
    await t.http.post('/api/tickets/form-old/notes').set(auth(support)).send({ body: '' }).expect(400);
    await t.http.post('/api/tickets/no-such-ticket/notes').set(auth(support)).send({ body: 'x' }).expect(404);
  });

  it('saved replies: placeholders checked on save, unique titles, rendered for a ticket', async () => {
    const placeholders = await t.http.get('/api/saved-replies/placeholders').set(auth(support)).expect(200);
    expect(placeholders.body.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['writerName', 'earnings', 'change', 'explanation']),
    );

    const bad = await t.http.post('/api/saved-replies').set(auth(support)).send({ title: 'Bad', body: 'Hi {{writerNmae}}' }).expect(400);
    expect(bad.body.details[0].field).toBe('body');
    const created = await t.http
      .post('/api/saved-replies')
      .set(auth(support))
      .send({
        title: 'Missing payout',
        category: 'missing_payout',
        body: 'Hi {{writerFirstName}}, about {{ticketSubject}}: your balance is {{balance}}. {{agentName}}',
      })
      .expect(201);
    expect(created.body.placeholders).toEqual(['writerFirstName', 'ticketSubject', 'balance', 'agentName']);
    await t.http.post('/api/saved-replies').set(auth(support)).send({ title: 'Missing payout', body: 'dup' }).expect(409);

    const list = await t.http
      .get('/api/saved-replies')
      .query({ filter: JSON.stringify({ category: 'missing_payout' }) })
      .set(auth(support))
      .expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    expect(list.headers['content-range']).toBe('saved-replies 0-0/1');

    // No payout run yet: the money placeholders stay for support to fill in.
    const rendered = await t.http
      .post(`/api/saved-replies/${created.body.id}/render`)
      .set(auth(support))
      .send({ ticketId: 'form-old' })
      .expect(200);
    expect(rendered.body).toMatchObject({ ticketId: 'form-old', missing: ['balance'] });
    expect(rendered.body.text).toMatch(/^Hi Ada, about Subject form-old: your balance is \{\{balance\}\}\. support-/);
    await t.http.post(`/api/saved-replies/${created.body.id}/render`).set(auth(support)).send({ ticketId: 'nope' }).expect(404);

    const updated = await t.http
      .put(`/api/saved-replies/${created.body.id}`)
      .set(auth(support))
      .send({ ...created.body, body: 'Hello {{writerName}}' })
      .expect(200);
    expect(updated.body).toMatchObject({ body: 'Hello {{writerName}}', placeholders: ['writerName'], updatedBy: supportId });
    await t.http.get('/api/saved-replies').set(auth(finance)).expect(403);
    await t.http.delete(`/api/saved-replies/${created.body.id}`).set(auth(support)).expect(200);
    await t.http.get(`/api/saved-replies/${created.body.id}`).set(auth(support)).expect(404);
    const { rows } = await t.db.pool.query(
      `SELECT action FROM audit_log WHERE entity_type = 'saved-reply' AND entity_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['saved-reply.create', 'saved-reply.update', 'saved-reply.delete']);
  });

  it('a ticket without a period and no computed run: its explanation is a 422 naming the rule', async () => {
    const res = await t.http.get('/api/tickets/form-old/explanation').set(auth(support)).expect(422);
    expect(res.body.details.rule).toBe('no_computed_run');
  });
});
