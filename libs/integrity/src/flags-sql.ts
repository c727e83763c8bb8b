import { periodBounds } from '../../core/src/period/period.js';
import { temp, type SignalScope } from './signals-sql.js';
import { sqlInt } from '../../core/src/database/sql.js';

/**
 * Turns the signal tables (signals-sql.ts) into flags with their evidence and pairs, keyed by
 * the case they belong to: `author:<member id>` (farm, concentration) or `ring:<member ids>`.
 */

const int = sqlInt;
/** A score from 50 (at the threshold) to 100 (twice the threshold or more). */
const score = (observed: string, threshold: string) => `least(100, (50 * (${observed}) / nullif(${threshold}, 0))::int)`;
const memberId = (key: string) => `(SELECT id FROM members WHERE key = ${key})`;
const ids = (keys: string) => `(SELECT coalesce(jsonb_agg(id ORDER BY id), '[]') FROM members WHERE key = ANY(${keys}))`;

export function stepFlagPairs(): string[] {
  return [
    `ALTER TABLE ig_rings ADD COLUMN case_key text`,
    `UPDATE ig_rings r SET case_key = 'ring:' || (SELECT string_agg(id, ',' ORDER BY id COLLATE "C") FROM members WHERE key = ANY(r.writers))`,
    temp(
      'ig_flag_pairs',
      `SELECT g.case_key, g.case_key AS flag_key, 'ring'::text AS signal, x.m, x.s, x.a, x.n, x.tp
       FROM ig_reads x JOIN ig_ring_nodes rm ON rm.w = x.m JOIN ig_ring_nodes ra ON ra.w = x.a AND ra.ring = rm.ring
       JOIN ig_rings g ON g.ring = rm.ring
       UNION ALL
       SELECT 'author:' || ${memberId('x.a')}, 'farm:' || x.a, 'farm', x.m, x.s, x.a, x.n, x.tp
       FROM ig_reads x JOIN ig_farm_members f ON f.m = x.m AND f.a = x.a JOIN ig_farms fa ON fa.a = x.a
       UNION ALL
       SELECT 'author:' || ${memberId('x.a')}, 'concentration:' || x.a || ':' || x.m, 'concentration', x.m, x.s, x.a, x.n, x.tp
       FROM ig_reads x JOIN ig_conc c ON c.m = x.m AND c.a = x.a`,
    ),
  ];
}

/** Active seconds of the flagged sessions, in 5-second buckets from the threshold (the last bucket open-ended). */
export function stepHistogram(s: SignalScope): string[] {
  const { startIso, endIso } = periodBounds(s.period);
  const q = int(s.qualifiedReadSeconds);
  return [
    temp(
      'ig_hist',
      `SELECT h.flag_key, jsonb_agg(jsonb_build_object('fromSeconds', ${q} + 5 * h.b, 'sessions', h.c) ORDER BY h.b) AS histogram
       FROM (
         SELECT p.flag_key, least((se.active_seconds - ${q}) / 5, 12) AS b, count(*)::int AS c
         FROM sessions se JOIN ig_flag_pairs p ON p.m = se.reader_key AND p.s = se.story_key
         WHERE se.started_at >= '${startIso}'::timestamptz AND se.started_at < '${endIso}'::timestamptz AND se.active_seconds >= ${q}
         GROUP BY 1, 2
       ) h GROUP BY h.flag_key`,
    ),
  ];
}

/** One row per flag: its case, score and evidence. */
export function stepFlags(s: SignalScope): string[] {
  const p = s.params;
  const { startIso, endIso } = periodBounds(s.period);
  const totals = `(SELECT count(DISTINCT fp.m)::int AS members, count(DISTINCT fp.s)::int AS stories, sum(fp.n)::bigint AS sessions, sum(fp.tp)::bigint AS tp,
                          (SELECT coalesce(jsonb_agg(id ORDER BY id), '[]') FROM stories WHERE key IN (SELECT DISTINCT fp2.s FROM ig_flag_pairs fp2 WHERE fp2.flag_key = k2.flag_key)) AS story_ids
                   FROM ig_flag_pairs fp WHERE fp.flag_key = k2.flag_key)`;
  return [
    temp(
      'ig_flags',
      `SELECT g.case_key, g.case_key AS flag_key, 'ring'::text AS kind, 'ring'::text AS signal, g.writers[1] AS author_key,
              ${score('g.lift', int(p.ringMinLift))} AS score, g.writers AS members,
              jsonb_build_object('writers', ${ids('g.writers')}, 'reciprocalPairs', g.edges,
                'engagements', (SELECT count(*)::int FROM engagements e JOIN stories st ON st.key = e.story_key
                                WHERE e.member_key = ANY(g.writers) AND st.author_key = ANY(g.writers) AND e.member_key <> st.author_key
                                  AND e.occurred_at >= '${startIso}'::timestamptz AND e.occurred_at < '${endIso}'::timestamptz), 'possiblePairs', g.size * (g.size - 1) / 2,
                'densityBps', (10000::bigint * 2 * g.edges / (g.size * (g.size - 1)))::int, 'averageLift', g.lift,
                'authors', (SELECT jsonb_agg(jsonb_build_object('id', ${memberId('w.a')}, 'ringTimePoints', w.tp, 'authorTimePoints', au.tp,
                                   'shareBps', (10000::bigint * w.tp / nullif(au.tp, 0))::int) ORDER BY w.a)
                            FROM (SELECT a, sum(tp) AS tp FROM ig_flag_pairs WHERE flag_key = g.case_key GROUP BY a) w
                            JOIN ig_author au ON au.a = w.a)) AS evidence
       FROM ig_rings g
       UNION ALL
       SELECT 'author:' || ${memberId('f.a')}, 'farm:' || f.a, 'author', 'farm', f.a, ${score('10000::bigint * f.n / f.author_reads', int(p.farmShareBps))},
              (SELECT array_agg(m ORDER BY m) FROM ig_farm_members WHERE a = f.a),
              jsonb_build_object('members', (SELECT jsonb_agg(id ORDER BY id) FROM (SELECT mb.id FROM ig_farm_members fm JOIN members mb ON mb.key = fm.m WHERE fm.a = f.a ORDER BY mb.id LIMIT 200) x),
                'memberCount', f.members, 'farmReads', f.n, 'authorReads', f.author_reads, 'readShareBps', (10000::bigint * f.n / f.author_reads)::int,
                'burstFrom', f.burst_from, 'burstTo', f.burst_to, 'timePoints', f.tp, 'authorTimePoints', f.author_tp,
                'shareBps', (10000::bigint * f.tp / nullif(f.author_tp, 0))::int)
       FROM ig_farms f
       UNION ALL
       SELECT 'author:' || ${memberId('c.a')}, 'concentration:' || c.a || ':' || c.m, 'author', 'concentration', c.a, ${score('10000::bigint * c.tp / nullif(c.author_tp, 0)', int(p.concentrationShareBps))},
              ARRAY[c.m],
              jsonb_build_object('member', ${memberId('c.m')}, 'sessions', c.n, 'timePoints', c.tp, 'authorTimePoints', c.author_tp,
                'shareBps', (10000::bigint * c.tp / nullif(c.author_tp, 0))::int)
       FROM ig_conc c`,
    ),
    // every flag's common evidence: the stories, counts and the time distribution
    `UPDATE ig_flags k SET evidence = k.evidence || jsonb_build_object('stories', t.story_ids, 'memberTotal', t.members, 'storyCount', t.stories,
            'sessions', t.sessions, 'pairTimePoints', t.tp, 'histogram', coalesce(h.histogram, '[]'))
     FROM ig_flags k2 CROSS JOIN LATERAL ${totals} t LEFT JOIN ig_hist h ON h.flag_key = k2.flag_key
     WHERE k2.ctid = k.ctid`,
  ];
}
