import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { IntakeHooks } from '../../libs/core/src/index.js';
import { ApplicationsService } from '../../libs/eligibility/src/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { sql, TableFactory } from '../support/factory.js';
import { Fixtures } from './fixtures.js';

interface Check {
  pass: boolean;
  reason: string | null;
  detail: string;
  evidence: Record<string, unknown> | null;
}
type Checks = Record<'member' | 'recentStory' | 'country' | 'age', Check> & { asOf: string; today: string };

/** Acceptance 1: the boundaries of the four checks, evaluated at submission (staff entry and intake) and on recheck. */
describe('eligibility checks', () => {
  let t: TestApp;
  let f: Fixtures;
  let reviewer: string;
  const auth = () => ({ Authorization: `Bearer ${reviewer}` });

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t.db.pool);
    reviewer = await t.tokenFor(['reviewer']);
    await new TableFactory(t.db.pool).rows('countries', [{ code: 'XK', name: 'Kosovo', payable: false, dateAdded: '2024-01-01' }]);
  });
  afterAll(() => t.close());

  /** Staff entry: the checks are evaluated at submission. */
  const submit = async (memberId: string, body: Record<string, unknown> = {}) => {
    const res = await t.http
      .post('/api/applications')
      .set(auth())
      .send({ memberId, country: 'FR', birthDate: '1990-01-01', ...body })
      .expect(201);
    return res.body as { id: string; checks: Checks; failingChecks: string[]; eligible: boolean; status: string };
  };

  describe('age: 18 or older today', () => {
    it('passes on the 18th birthday itself', async () => {
      const birthDate = await f.date(`today - interval '18 years'`);
      await f.eligibleWriter('age-today');
      const a = await submit('age-today', { birthDate });
      expect(a.checks.age).toMatchObject({
        pass: true,
        reason: null,
        evidence: { birthDate, ageYears: 18, eighteenOn: await f.date('today') },
      });
      expect(a.failingChecks).toEqual([]);
      expect(a.eligible).toBe(true);
    });

    it('fails one day short of it, saying when they turn 18', async () => {
      const birthDate = await f.date(`today - interval '18 years' + interval '1 day'`);
      const tomorrow = await f.date(`today + 1`);
      await f.eligibleWriter('age-short');
      const a = await submit('age-short', { birthDate });
      expect(a.checks.age).toMatchObject({ pass: false, reason: 'under_18', evidence: { ageYears: 17, eighteenOn: tomorrow } });
      expect(a.checks.age.detail).toBe(`17 years old; 18 on ${tomorrow}`);
      expect(a.failingChecks).toEqual(['age']);
    });

    it("uses the member profile's birth date when the application has none, and fails when neither has one", async () => {
      const key = await f.member('age-profile', { birthDate: '1985-06-15' });
      await f.membership(key, 'ms-age-profile');
      await f.story(key, 'st-age-profile');
      const a = await submit('age-profile', { birthDate: null });
      expect(a.checks.age).toMatchObject({ pass: true, evidence: { birthDate: '1985-06-15', birthDateSource: 'member profile' } });

      const k2 = await f.member('age-unknown', { birthDate: null });
      await f.membership(k2, 'ms-age-unknown');
      await f.story(k2, 'st-age-unknown');
      const b = await submit('age-unknown', { birthDate: undefined });
      expect(b.checks.age).toMatchObject({ pass: false, reason: 'under_18', detail: 'birth date unknown' });
    });
  });

  describe('recent story: published or unlisted within the last 6 calendar months', () => {
    it('counts a story published exactly 6 calendar months ago today (at 00:00 UTC)', async () => {
      const key = await f.member('story-edge');
      await f.membership(key, 'ms-story-edge');
      await f.story(key, 'st-story-edge', Fixtures.midnight(`today - interval '6 months'`));
      const a = await submit('story-edge');
      const since = await f.date(`today - interval '6 months'`);
      expect(a.checks.recentStory).toMatchObject({ pass: true, evidence: { storyId: 'st-story-edge', since } });
      expect(a.failingChecks).toEqual([]);
    });

    it('does not count one published one day earlier (nor one second before the boundary)', async () => {
      const key = await f.member('story-day-early');
      await f.membership(key, 'ms-story-day-early');
      await f.story(
        key,
        'st-story-day-early',
        `${Fixtures.midnight(`today - interval '6 months' - interval '1 day'`)} + interval '12 hours'`,
      );
      const a = await submit('story-day-early');
      expect(a.checks.recentStory).toMatchObject({ pass: false, reason: 'no_recent_story', evidence: { storyId: 'st-story-day-early' } });
      expect(a.checks.recentStory.detail).toMatch(/^latest story st-story-day-early published \d{4}-\d{2}-\d{2}, before /);
      expect(a.failingChecks).toEqual(['recentStory']);

      const k2 = await f.member('story-second-early');
      await f.membership(k2, 'ms-story-second-early');
      await f.story(k2, 'st-story-second-early', `${Fixtures.midnight(`today - interval '6 months'`)} - interval '1 second'`);
      expect((await submit('story-second-early')).checks.recentStory.pass).toBe(false);
    });

    it('counts an unlisted story', async () => {
      const key = await f.member('story-unlisted');
      await f.membership(key, 'ms-story-unlisted');
      await f.story(key, 'st-story-unlisted', `now() - interval '30 days'`, 'unlisted');
      const a = await submit('story-unlisted');
      expect(a.checks.recentStory).toMatchObject({ pass: true, evidence: { storyId: 'st-story-unlisted', status: 'unlisted' } });
    });

    it('does not count a deleted story or a draft (even one that had been published)', async () => {
      const key = await f.member('story-gone');
      await f.membership(key, 'ms-story-gone');
      await f.story(key, 'st-story-deleted', `now() - interval '5 days'`, 'deleted');
      await f.story(key, 'st-story-draft', null, 'draft');
      await f.story(key, 'st-story-unpublished', `now() - interval '3 days'`, 'draft');
      const a = await submit('story-gone');
      expect(a.checks.recentStory).toMatchObject({ pass: false, reason: 'no_recent_story', detail: 'no published or unlisted story' });
      expect(a.checks.recentStory.evidence).toMatchObject({ storyId: null });
    });
  });

  describe('member: a membership covering now', () => {
    it('a membership that ended yesterday is not one, and the evidence names it', async () => {
      const key = await f.member('ms-yesterday');
      await f.membership(key, 'ms-ended-yesterday', `now() - interval '1 year'`, `now() - interval '1 day'`);
      await f.story(key, 'st-ms-yesterday');
      const a = await submit('ms-yesterday');
      expect(a.checks.member).toMatchObject({ pass: false, reason: 'not_member', evidence: { membershipId: 'ms-ended-yesterday' } });
      expect(a.checks.member.detail).toMatch(/^membership ms-ended-yesterday ended /);
      expect(a.failingChecks).toEqual(['member']);
    });

    it('one ending tomorrow counts; one starting tomorrow does not; none at all fails', async () => {
      const k1 = await f.member('ms-tomorrow');
      await f.membership(k1, 'ms-ends-tomorrow', `now() - interval '1 month'`, `now() + interval '1 day'`);
      await f.story(k1, 'st-ms-tomorrow');
      expect((await submit('ms-tomorrow')).checks.member).toMatchObject({
        pass: true,
        evidence: { membershipId: 'ms-ends-tomorrow', plan: 'monthly' },
      });

      const k2 = await f.member('ms-future');
      await f.membership(k2, 'ms-starts-tomorrow', `now() + interval '1 day'`);
      await f.story(k2, 'st-ms-future');
      expect((await submit('ms-future')).checks.member).toMatchObject({ pass: false, detail: 'no membership', evidence: null });
    });
  });

  describe('country: supported and payable', () => {
    it('a listed but not payable country fails with that reason', async () => {
      await f.eligibleWriter('c-unpayable');
      const a = await submit('c-unpayable', { country: 'XK' });
      expect(a.checks.country).toMatchObject({
        pass: false,
        reason: 'unsupported_country',
        detail: 'country XK is supported but not payable',
        evidence: { country: 'XK', listed: true, payable: false, name: 'Kosovo' },
      });
      expect(a.failingChecks).toEqual(['country']);
    });

    it('an unlisted country fails as not on the list; a seeded one passes', async () => {
      await f.eligibleWriter('c-unlisted');
      const a = await submit('c-unlisted', { country: 'ng' });
      expect(a.checks.country).toMatchObject({
        pass: false,
        reason: 'unsupported_country',
        detail: 'country NG is not on the supported list',
        evidence: { listed: false },
      });
      await f.eligibleWriter('c-ok');
      const b = await submit('c-ok', { country: 'DE' });
      expect(b.checks.country).toMatchObject({
        pass: true,
        evidence: { country: 'DE', name: 'Germany', payable: true, dateAdded: '2017-08-01' },
      });
    });
  });

  it('recheck re-evaluates after the data changed, and is audited', async () => {
    await f.eligibleWriter('recheck');
    const a = await submit('recheck', { country: 'XK' });
    expect(a.failingChecks).toEqual(['country']);
    await t.db.pool.query(`UPDATE countries SET payable = true WHERE code = 'XK'`);
    try {
      const res = await t.http.post(`/api/applications/${a.id}/recheck`).set(auth()).expect(200);
      expect(res.body).toMatchObject({ id: a.id, status: 'pending', failingChecks: [], eligible: true });
      expect(res.body.checks.country.pass).toBe(true);
      const audit = await t.db.pool.query(`SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [a.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['application.create', 'application.recheck']);
      expect(audit.rows[1].before.failingChecks).toEqual(['country']);
      expect(audit.rows[1].after.failingChecks).toEqual([]);
    } finally {
      await t.db.pool.query(`UPDATE countries SET payable = false WHERE code = 'XK'`);
    }
  });

  it("the intake hook evaluates applications inside the caller's transaction, in one statement for many ids", async () => {
    const keys = [await f.eligibleWriter('in-1'), await f.eligibleWriter('in-2'), await f.member('in-3', { birthDate: '2015-01-01' })];
    await f.application('app-in-1', keys[0]);
    await f.application('app-in-2', keys[1], { country: 'ZZ' });
    await f.application('app-in-3', keys[2], { birthDate: null });
    const ds = t.app.get(DataSource);
    const hooks = t.app.get(IntakeHooks);
    const logged: string[] = [];
    const original = ds.logger.logQuery.bind(ds.logger);
    ds.logger.logQuery = (query, ...rest) => (logged.push(query), original(query, ...rest));
    try {
      await ds.transaction((m) => hooks.run('applications', m, ['app-in-1', 'app-in-2', 'app-in-3', 'no-such-application']));
    } finally {
      ds.logger.logQuery = original;
    }
    expect(logged.filter((q) => /UPDATE applications/.test(q))).toHaveLength(1);
    const { rows } = await t.db.pool.query(
      `SELECT id, failing_checks, checks, checked_at FROM applications WHERE id LIKE 'app-in-%' ORDER BY id`,
    );
    expect(rows.map((r) => [r.id, r.failing_checks])).toEqual([
      ['app-in-1', []],
      ['app-in-2', ['country']],
      ['app-in-3', ['member', 'recentStory', 'age']],
    ]);
    expect(rows[2].checks.age.evidence).toMatchObject({ birthDate: '2015-01-01', birthDateSource: 'member profile' });
    expect(rows.every((r) => r.checked_at instanceof Date)).toBe(true);
  });

  describe('against a fixed clock (asOf), at month ends', () => {
    const asOf = new Date('2026-08-31T12:00:00Z');

    it('6 calendar months before 2026-08-31 is 2026-02-28 (clamped); 18 years after 2008-08-31 is the day itself', async () => {
      const k1 = await f.member('clock-1', { birthDate: '2008-08-31' });
      const factory = new TableFactory(t.db.pool);
      await factory.memberships([
        {
          id: 'ms-clock-1',
          memberKey: k1,
          plan: 'annual',
          tier: 'friend',
          startedAt: '2026-01-01T00:00:00Z',
          endedAt: '2026-08-31T12:00:01Z',
        },
      ]);
      await factory.story({
        id: 'st-clock-1',
        authorKey: k1,
        title: 's',
        publishedAt: '2026-02-28T00:00:00Z',
        membersOnly: true,
        status: 'published',
      });
      await f.application('app-clock-1', k1, { birthDate: '2008-08-31' });

      const k2 = await f.member('clock-2');
      await factory.memberships([
        {
          id: 'ms-clock-2',
          memberKey: k2,
          plan: 'annual',
          tier: 'member',
          startedAt: '2026-01-01T00:00:00Z',
          endedAt: '2026-08-31T12:00:00Z',
        },
      ]);
      await factory.story({
        id: 'st-clock-2',
        authorKey: k2,
        title: 's',
        publishedAt: '2026-02-27T23:59:59Z',
        membersOnly: true,
        status: 'unlisted',
      });
      await f.application('app-clock-2', k2, { birthDate: '2008-09-01' });

      const evaluated = await t.app.get(ApplicationsService).evaluate(t.app.get(DataSource), ['app-clock-1', 'app-clock-2'], asOf);
      const byId = Object.fromEntries(evaluated.map((e) => [e.id, e]));
      expect(byId['app-clock-1'].failingChecks).toEqual([]);
      expect(byId['app-clock-2'].failingChecks).toEqual(['member', 'recentStory', 'age']);
      const c1 = byId['app-clock-1'].checks as unknown as Checks;
      expect(c1.today).toBe('2026-08-31');
      expect(c1.recentStory.evidence).toMatchObject({ since: '2026-02-28' });
      expect(c1.age.evidence).toMatchObject({ ageYears: 18, eighteenOn: '2026-08-31' });
      const c2 = byId['app-clock-2'].checks as unknown as Checks;
      expect(c2.member.evidence).toMatchObject({ membershipId: 'ms-clock-2' }); // ended exactly at asOf: not covering
      expect(c2.age.detail).toBe('17 years old; 18 on 2026-09-01');
    });

    it('a 29 February birthday turns 18 on 28 February in a common year', async () => {
      const k = await f.member('clock-leap');
      await f.application('app-clock-leap', k, { birthDate: '2008-02-29' });
      const svc = t.app.get(ApplicationsService);
      const ds = t.app.get(DataSource);
      const [on] = await svc.evaluate(ds, ['app-clock-leap'], new Date('2026-02-28T00:00:00Z'));
      expect((on.checks as unknown as Checks).age).toMatchObject({ pass: true, evidence: { eighteenOn: '2026-02-28' } });
      const [before] = await svc.evaluate(ds, ['app-clock-leap'], new Date('2026-02-27T23:59:59Z'));
      expect((before.checks as unknown as Checks).age.pass).toBe(false);
    });
  });

  it('staff entry: 400 naming bad fields, 400 for an unknown member, 409 for a second pending application', async () => {
    const bad = await t.http
      .post('/api/applications')
      .set(auth())
      .send({ memberId: '', country: 'France', birthDate: '2001-02-30', extra: 1 })
      .expect(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
      'birthDate',
      'country',
      'extra',
      'memberId',
    ]);
    const unknown = await t.http.post('/api/applications').set(auth()).send({ memberId: 'nobody', country: 'FR' }).expect(400);
    expect(unknown.body.details).toEqual([{ field: 'memberId', message: 'No member has the id nobody' }]);
    await f.eligibleWriter('twice');
    await submit('twice');
    const dup = await t.http.post('/api/applications').set(auth()).send({ memberId: 'twice', country: 'FR' }).expect(409);
    expect(dup.body.message).toMatch(/already has a pending application/);
    expect(dup.body.details).toMatchObject({ field: 'memberId' });
  });

  it('staff entry: a birth date in the future or before 1900 is a 400 naming birthDate, in words', async () => {
    await f.eligibleWriter('future-born');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (const birthDate of ['2030-01-01', tomorrow, '1899-12-31']) {
      const res = await t.http
        .post('/api/applications')
        .set(auth())
        .send({ memberId: 'future-born', country: 'FR', birthDate })
        .expect(400);
      expect(res.body.details).toHaveLength(1);
      expect(res.body.details[0].field).toBe('birthDate');
      expect(res.body.details[0].message).toMatch(birthDate < '1900' ? /on or after 1900-01-01/ : /cannot be in the future/);
    }
    const applications = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM applications a JOIN members m ON m.key = a.member_key WHERE m.id = 'future-born'`,
    );
    expect(applications.rows[0].n).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    await t.http.post('/api/applications').set(auth()).send({ memberId: 'future-born', country: 'FR', birthDate: today }).expect(201);
  });

  it('staff entry for a member who is already a partner: 422 naming memberId and the enrollment, nothing stored', async () => {
    const key = await f.eligibleWriter('already-partner');
    await new TableFactory(t.db.pool).enrollment({ id: 'enr-already', memberKey: key, enrolledAt: sql(`now() - interval '1 month'`) });
    const res = await t.http.post('/api/applications').set(auth()).send({ memberId: 'already-partner', country: 'FR' }).expect(422);
    expect(res.body).toMatchObject({
      code: 'rule_violation',
      details: { rule: 'not_already_enrolled', details: { field: 'memberId', enrollmentId: 'enr-already' } },
    });
    expect(res.body.message).toMatch(/already-partner is already a partner/);
    const entries = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.create' AND after->>'memberId' = 'already-partner'`,
    );
    expect(entries.rows[0].n).toBe(0);
  });
});
