import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { KIND_SPECS } from './kinds.js';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '../../core/src/text-limits.js';
import { REFERRAL_CUTOFF, REFERRAL_PROGRAM_ENDED } from '../../referral-legacy/src/referral-rules.js';
import { charCount, isDate, isMonth, normalizeTimestamp, RecordValidator, timestampMicros, type Value } from './validate.js';
import { RowEncoder } from './copy-text.js';

describe('timestamps', () => {
  it.each([
    ['2026-10-04T10:00:00Z', '2026-10-04T10:00:00Z'],
    ['2026-10-04T12:00:00+02:00', '2026-10-04T12:00:00+02:00'],
    ['2026-10-04T05:00:00-05:00', '2026-10-04T05:00:00-05:00'],
    ['2024-02-29T23:59:59.5Z', '2024-02-29T23:59:59.5Z'],
    ['2026-10-04T10:00:00.123456789Z', '2026-10-04T10:00:00.123456Z'],
    ['2026-10-04T10:00:00.1234567+01:30', '2026-10-04T10:00:00.123456+01:30'],
  ])('accepts %s', (input, stored) => expect(normalizeTimestamp(input)).toBe(stored));

  it.each([
    '2026-10-04T10:00:00', // no offset
    '2026-10-04 10:00:00Z',
    '2026-10-04T24:00:00Z',
    '2026-10-04T10:60:00Z',
    '2026-10-04T10:00:60Z',
    '2026-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '0000-01-01T00:00:00Z',
    '2026-10-04T10:00:00+15:00',
    '2026-10-04T10:00:00+0200',
    '2026-10-04T10:00:00.Z',
    '2026-10-04T10:00Z',
    '2026-10-04t10:00:00z',
    'yesterday',
    '',
  ])('refuses %s', (input) => expect(normalizeTimestamp(input)).toBeNull());

  it('computes the instant of any accepted timestamp like Date.parse (to the millisecond)', () => {
    const ts = fc
      .record({
        ms: fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
        offset: fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
      })
      .map(({ ms, offset, fraction }) => {
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const zone = offset === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        return `${local}${fraction ? `.${fraction}` : ''}${zone}`;
      });
    fc.assert(
      fc.property(ts, (s) => {
        const stored = normalizeTimestamp(s);
        expect(stored).not.toBeNull();
        const micros = timestampMicros(stored!);
        const floorMs = (micros - (((micros % 1000n) + 1000n) % 1000n)) / 1000n;
        expect(floorMs).toBe(BigInt(Date.parse(stored!.replace(/(\.\d{3})\d+/, '$1'))));
      }),
    );
  });

  it('dates and months', () => {
    expect(['2024-02-29', '2026-12-31', '0001-01-01'].map(isDate)).toEqual([true, true, true]);
    expect(['2026-02-29', '2026-00-10', '2026-1-01', '20260101', '0000-01-01'].map(isDate)).toEqual([false, false, false, false, false]);
    expect(['2026-10', '2026-01'].map(isMonth)).toEqual([true, true]);
    expect(['2026-13', '2026-1', '2026-10-01', '0000-01'].map(isMonth)).toEqual([false, false, false, false]);
  });
});

describe('RecordValidator', () => {
  const sessions = new RecordValidator(KIND_SPECS.sessions);
  const ok = { id: 'v1', storyId: 's1', readerId: null, startedAt: '2026-10-04T10:00:00Z', activeSeconds: 45, mode: 'read' };
  const check = (v: RecordValidator, raw: unknown) => {
    const out: Value[] = [];
    const reason = v.validate(raw, out);
    return reason ?? out;
  };

  it('gives the column values of a valid record, references still as ids', () => {
    expect(check(sessions, ok)).toEqual(['v1', 's1', null, '2026-10-04T10:00:00Z', 45, 'read']);
    expect(check(sessions, { ...ok, readerId: undefined })).toEqual(['v1', 's1', null, '2026-10-04T10:00:00Z', 45, 'read']);
  });

  it('refuses fields the kind does not have, prototype keys included, naming at most five', () => {
    const have = '(sessions records have id, storyId, readerId, startedAt, activeSeconds, mode)';
    expect(check(sessions, { ...ok, extra: 'x' })).toBe(`unknown field "extra" ${have}`);
    expect(check(sessions, JSON.parse(`{"__proto__": {"mode": "read"}, ${JSON.stringify(ok).slice(1)}`))).toBe(
      `unknown field "__proto__" ${have}`,
    );
    expect(check(sessions, JSON.parse(`{"constructor": 1, "prototype": 2, ${JSON.stringify(ok).slice(1)}`))).toBe(
      `unknown fields "constructor", "prototype" ${have}`,
    );
    const many = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`k${i}${i === 0 ? 'z'.repeat(50) : ''}`, i]));
    expect(check(sessions, { ...ok, ...many })).toBe(`unknown fields "k0${'z'.repeat(38)}…", "k1", "k2", "k3", "k4" and 2 more ${have}`);
    expect(check(sessions, { ...ok, mode: 'x', extra: 1 })).toBe(`mode must be read or listen (got "x"); unknown field "extra" ${have}`);
    expect(check(sessions, Object.assign(Object.create({ inherited: 1 }), ok))).toBe('a record must be a plain JSON object');
    expect(check(sessions, Object.assign(Object.create(null), ok))).toEqual(expect.any(Array));
  });

  it('bounds text by characters (code points) with the staff API limits', () => {
    const members = new RecordValidator(KIND_SPECS.members);
    const m = { id: 'm', username: 'u', name: 'N', email: 'e@x.org', country: 'GB', birthDate: null, joinedAt: '2026-01-01T00:00:00Z' };
    expect(check(members, { ...m, name: '😀'.repeat(MAX_NAME_LENGTH) })).toEqual(expect.any(Array));
    expect(check(members, { ...m, name: `${'😀'.repeat(MAX_NAME_LENGTH)}a` })).toBe(
      `name must be at most ${MAX_NAME_LENGTH} characters (got ${MAX_NAME_LENGTH + 1})`,
    );
    expect(check(members, { ...m, email: 'e'.repeat(MAX_EMAIL_LENGTH + 1) })).toBe(
      `email must be at most ${MAX_EMAIL_LENGTH} characters (got ${MAX_EMAIL_LENGTH + 1})`,
    );
    expect(check(members, { ...m, name: '  ' })).toBe('name must not be empty');
    expect([charCount(''), charCount('a😀b'), charCount('\ud800x'), charCount('\udc00\ud800')]).toEqual([0, 3, 2, 2]);
  });

  it.each([
    [{ ...ok, startedAt: undefined }, 'missing field startedAt'],
    [{ ...ok, startedAt: null }, 'startedAt must not be null'],
    [{ ...ok, activeSeconds: -1 }, 'activeSeconds must be an integer >= 0 (got -1)'],
    [{ ...ok, activeSeconds: 1.5 }, 'activeSeconds must be an integer >= 0 (got 1.5)'],
    [{ ...ok, activeSeconds: '45' }, 'activeSeconds must be an integer >= 0 (got a string)'],
    [{ ...ok, activeSeconds: 2 ** 31 }, `activeSeconds must be an integer >= 0 (got ${2 ** 31})`],
    [{ ...ok, mode: 'skim' }, 'mode must be read or listen (got "skim")'],
    [{ ...ok, id: '' }, 'id must be 1 to 64 characters long (got 0)'],
    [{ ...ok, id: 7 }, 'id must be a string id of 1 to 64 characters'],
    [{ ...ok, id: 'a\u0000b' }, 'id must not contain NUL characters or lone surrogates'],
    [{ ...ok, storyId: { id: 's1' } }, 'storyId must be a string id of 1 to 64 characters'],
    [{ ...ok, mode: 'x', activeSeconds: -2 }, 'activeSeconds must be an integer >= 0 (got -2); mode must be read or listen (got "x")'],
    [[ok], 'a record must be a JSON object (got an array)'],
    [null, 'a record must be a JSON object (got null)'],
  ])('refuses %j: %s', (raw, reason) => expect(check(sessions, raw)).toBe(reason));

  it('ids of 64 characters (code points) are fine, 65 are not', () => {
    expect(check(sessions, { ...ok, id: '😀'.repeat(64) })).toEqual(expect.any(Array));
    expect(check(sessions, { ...ok, id: '😀'.repeat(65) })).toBe('id must be 1 to 64 characters long (got 65)');
  });

  it('applies defaults and the cross-field rules', () => {
    const stories = new RecordValidator(KIND_SPECS.stories);
    const story = { id: 's', authorId: 'm', publicationId: null, title: 't', publishedAt: null, membersOnly: false, status: 'draft' };
    expect(check(stories, story)).toEqual(['s', 'm', null, 't', null, false, 'draft', false, 'en']);
    expect(check(stories, { ...story, membersOnly: 'yes' })).toBe('membersOnly must be a boolean (got a string)');
    const engagements = new RecordValidator(KIND_SPECS.engagements);
    const e = { id: 'e', storyId: 's', memberId: 'm', kind: 'clap', occurredAt: '2026-10-04T10:00:00Z' };
    expect(check(engagements, e)).toEqual(['e', 's', 'm', 'clap', '2026-10-04T10:00:00Z', 1]);
    expect(check(engagements, { ...e, count: 51 })).toBe('count must be an integer from 1 to 50 (got 51)');
    expect(check(engagements, { ...e, kind: 'reply', count: 2 })).toMatch(/^count must be 1 for a reply/);
    const boosts = new RecordValidator(KIND_SPECS.boosts);
    const b = { id: 'b', storyId: 's', startsAt: '2026-10-04T12:00:00+02:00', endsAt: '2026-10-04T10:00:00Z', source: 'curator' };
    expect(check(boosts, b)).toBe('endsAt must be after startsAt');
    expect(check(boosts, { ...b, endsAt: '2026-10-04T10:00:00.000001Z' })).toEqual(expect.any(Array));
    const referrals = new RecordValidator(KIND_SPECS.referrals);
    const r = { id: 'r', referrerId: 'a', referredMemberId: 'b', referredAt: '2023-08-31T23:59:59.999999Z', pageSlug: 'p' };
    expect(check(referrals, r)).toEqual(expect.any(Array));
    expect(check(referrals, { ...r, referredAt: '2023-08-31T23:59:59.9999999Z' })).toEqual(expect.any(Array)); // cut to µs: still before
    expect(check(referrals, { ...r, referredAt: '2023-09-01T00:00:00.0000001Z' })).toMatch(/^the referral program ended on 2023-09-01/);
    expect(check(referrals, { ...r, referredAt: '2023-09-01T01:59:59.999999+02:00' })).toEqual(expect.any(Array));
    const charges = new RecordValidator(KIND_SPECS.charges);
    const c = {
      id: 'c',
      memberId: 'm',
      plan: 'annual',
      coversFrom: '2026-10',
      chargedAt: '2026-10-01T00:00:00Z',
      grossCents: 5000,
      feeCents: 0,
      netCents: 5000,
      status: 'paid',
    };
    expect(check(charges, c)).toEqual(['c', 'm', 'annual', '2026-10-01', '2026-10-01T00:00:00Z', 5000, 0, 5000, 'paid']);
    expect(check(charges, { ...c, grossCents: 2 ** 53 })).toMatch(/^grossCents must be an integer >= 0/);
    expect(check(charges, { ...c, feeCents: 1 })).toBe('netCents must be grossCents − feeCents (5000 − 1 = 4999, got 5000)');
    const big = Number.MAX_SAFE_INTEGER;
    expect(check(charges, { ...c, grossCents: big, feeCents: 1, netCents: big - 1 })).toEqual(expect.any(Array));
    expect(check(charges, { ...c, grossCents: big, feeCents: 0, netCents: big - 1 })).toBe(
      `netCents must be grossCents − feeCents (${big} − 0 = ${big}, got ${big - 1})`,
    );
  });

  it('refuses referrals with the referral rule of referral-legacy, to the microsecond', () => {
    const referrals = new RecordValidator(KIND_SPECS.referrals);
    const cutoff = timestampMicros(REFERRAL_CUTOFF);
    const r = { id: 'r', referrerId: 'a', referredMemberId: 'b', pageSlug: 'p' };
    const near = fc
      .record({ delta: fc.bigInt({ min: -5_000_000n, max: 5_000_000n }), offset: fc.integer({ min: -14 * 60, max: 14 * 60 }) })
      .map(({ delta, offset }) => {
        const at = cutoff + delta;
        const local = new Date(Number((at - (((at % 1000n) + 1000n) % 1000n)) / 1000n) + offset * 60_000).toISOString().slice(0, 19);
        const fraction = String(((at % 1_000_000n) + 1_000_000n) % 1_000_000n).padStart(6, '0');
        const abs = Math.abs(offset);
        const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        return { stamp: `${local}.${fraction}${zone}`, late: at >= cutoff };
      });
    fc.assert(
      fc.property(near, ({ stamp, late }) => {
        expect(timestampMicros(stamp) >= cutoff).toBe(late);
        const reason = check(referrals, { ...r, referredAt: stamp });
        if (late) expect(reason).toMatch(new RegExp(`^${REFERRAL_PROGRAM_ENDED}: referredAt`));
        else expect(reason).toEqual(expect.any(Array));
      }),
    );
  });
});

describe('COPY text', () => {
  it('escapes backslash, tab and newlines in free text, and writes nulls and booleans', () => {
    const enc = new RowEncoder(KIND_SPECS.members.fields);
    expect(enc.row(7, ['m\t1', 'u', 'a\\b\nc\rd', 'e', 'GB', null, '2026-10-04T10:00:00Z', true])).toBe(
      '7\tm\\t1\tu\ta\\\\b\\nc\\rd\te\tGB\t\\N\t2026-10-04T10:00:00Z\tt\n',
    );
  });
});
