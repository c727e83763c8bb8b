/*
 * The SQL of the merge, generated from the kind descriptions: the staging table, the
 * set-based upsert (idempotent by identity: insert new, update changed, leave identical
 * rows alone), and the bulk-load helpers (drop and rebuild a table's indexes).
 */
import { identityColumn, type KindSpec } from './kinds.js';
import type { IntakeDb } from './intake-db.js';
import { periodOfSql } from './reading-versions.js';

export const STAGE = 'intake_stage';

export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export const columnsOf = (spec: KindSpec) => spec.fields.map((f) => f.column);

export function createStageSql(spec: KindSpec): string {
  const cols = spec.fields.map((f) => `${f.column} ${f.sqlType}`).join(', ');
  return `CREATE TEMP TABLE ${STAGE} (line_no int8 NOT NULL, ${cols}) ON COMMIT DROP`;
}

export const copyIntoStageSql = (spec: KindSpec) => `COPY ${STAGE} (line_no, ${columnsOf(spec).join(', ')}) FROM STDIN`;
export const copyIntoTableSql = (spec: KindSpec) => `COPY ${spec.table} (${columnsOf(spec).join(', ')}) FROM STDIN`;

/**
 * The upsert of the staged rows. Rows identical to the stored one are filtered out before
 * the insert (so unchanged rows cost a lookup, no write, and surrogate keys are not drawn
 * for them); the ON CONFLICT makes it safe against a concurrent batch with the same ids.
 * Only the feed columns are written: domain columns (a nomination's status, an
 * application's decision, a ticket's resolution) are never touched by intake.
 *
 * When an identity occurs more than once in the batch, its last line wins (and must be
 * chosen before the "identical" filter, else an earlier line could slip through).
 * `returning`: `rows` gives (identity, inserted) per inserted or updated row; `counts`
 * only the two counts. `ordered`: rows are written in identity order, so that concurrent
 * batches with the same ids lock them in the same order and cannot deadlock (the API's
 * batches; a bulk load skips the sort). Reading kinds also give the periods of the rows they
 * wrote (`period` per row, `periods` with the counts).
 */
export function mergeSql(spec: KindSpec, opts: { returning: 'rows' | 'counts'; ordered: boolean }): string {
  const idc = identityColumn(spec);
  const cols = columnsOf(spec);
  const others = cols.filter((c) => c !== idc);
  const list = cols.join(', ');
  const row = (alias: string, cs: string[]) => (cs.length === 1 ? `${alias}.${cs[0]}` : `(${cs.map((c) => `${alias}.${c}`).join(', ')})`);
  const distinct = others.length
    ? `ON CONFLICT (${idc}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} WHERE ${row('t', others)} IS DISTINCT FROM ${row('EXCLUDED', others)}`
    : `ON CONFLICT (${idc}) DO NOTHING`;
  const src = `SELECT ${list} FROM ${STAGE} s WHERE NOT EXISTS (SELECT 1 FROM ${STAGE} l WHERE l.${idc} = s.${idc} AND l.line_no > s.line_no)`;
  const merged = `INSERT INTO ${spec.table} AS t (${list})
      SELECT ${list} FROM (${src}) src
      WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} t WHERE t.${idc} = src.${idc} AND ${row('t', cols)} IS NOT DISTINCT FROM ${row('src', cols)})
      ${opts.ordered ? `ORDER BY src.${idc}` : ''}
      ${distinct}
      RETURNING t.${idc}::text AS identity, (t.xmax = 0) AS inserted${spec.periodColumn ? `, ${periodOfSql(`t.${spec.periodColumn}`)} AS period` : ''}`;
  // DISTINCT in a subquery hashes (array_agg(DISTINCT) would sort every row)
  const periods = spec.periodColumn
    ? `, (SELECT coalesce(array_agg(p), '{}') FROM (SELECT DISTINCT period AS p FROM merged) d) AS periods`
    : '';
  return opts.returning === 'rows'
    ? `WITH merged AS (${merged}) SELECT identity, inserted${spec.periodColumn ? ', period' : ''} FROM merged`
    : `WITH merged AS (${merged}) SELECT count(*) FILTER (WHERE inserted)::int8 AS inserted, count(*) FILTER (WHERE NOT inserted)::int8 AS updated${periods} FROM merged`;
}

/**
 * Serializes the batches that add applications of the same members (in member order, so
 * two batches cannot deadlock): the check below then sees every pending application a
 * concurrent batch committed, instead of both passing it and one failing on the index.
 */
export const LOCK_APPLICATION_MEMBERS_SQL = `
  SELECT count(pg_advisory_xact_lock(hashtext('intake:applications'), k.member_key))::int AS locked
    FROM (SELECT DISTINCT member_key FROM ${STAGE} ORDER BY member_key) k`;

/**
 * Applications: a member has at most one pending application (a partial unique index).
 * A staged application that would be pending (new, or an update of a pending one) while
 * another pending application of the member exists, in the table or earlier in the batch,
 * is refused; this statement removes those rows from the stage and returns them.
 */
export const APPLICATION_CONFLICTS_SQL = `
  WITH cand AS (
    SELECT s.line_no, s.id, s.member_key FROM ${STAGE} s
    LEFT JOIN applications cur ON cur.id = s.id
    WHERE cur.id IS NULL OR cur.status = 'pending'
  ), bad AS (
    SELECT c.line_no,
      coalesce(
        (SELECT o.id FROM applications o WHERE o.member_key = c.member_key AND o.status = 'pending' AND o.id <> c.id LIMIT 1),
        (SELECT e.id FROM cand e WHERE e.member_key = c.member_key AND e.id <> c.id AND e.line_no < c.line_no ORDER BY e.line_no LIMIT 1)
      ) AS other
    FROM cand c
  )
  DELETE FROM ${STAGE} s USING bad b
  WHERE s.line_no = b.line_no AND b.other IS NOT NULL
  RETURNING s.line_no::int8 AS line_no, s.id, b.other, (SELECT m.id FROM members m WHERE m.key = s.member_key) AS member_id`;

/** An index of a table as it was before a bulk load, and how to put it back. */
export interface SavedIndex {
  index: string;
  drop: string;
  create: string;
}

/**
 * Drops the table's indexes (and the constraints they back) for a bulk load into an empty
 * table: building an index once over sorted keys is several times cheaper than inserting
 * ten million keys one by one. Indexes a foreign key depends on stay. Must run inside the
 * load's transaction (the table is locked; a failure rolls the drop back).
 */
export async function dropIndexes(db: IntakeDb, table: string): Promise<SavedIndex[]> {
  const found = await db.query<{ index: string; conname: string | null; indexdef: string; condef: string | null }>(
    `SELECT i.indexrelid::regclass::text AS index, c.conname, pg_get_indexdef(i.indexrelid) AS indexdef,
            CASE WHEN c.oid IS NOT NULL THEN pg_get_constraintdef(c.oid) END AS condef
       FROM pg_index i
       LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
      WHERE i.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
      ORDER BY c.oid IS NULL, i.indexrelid`,
    [table],
  );
  const saved = found.map((r) => ({
    index: r.index,
    drop: r.conname ? `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(r.conname)}` : `DROP INDEX ${r.index}`,
    create: r.conname ? `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(r.conname)} ${r.condef}` : r.indexdef,
  }));
  for (const s of saved) await db.query(s.drop);
  return saved;
}

export async function restoreIndexes(db: IntakeDb, saved: SavedIndex[]): Promise<void> {
  for (const s of saved) await db.query(s.create);
}
