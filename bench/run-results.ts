/*
 * Before/after check of the payout run on a bench database: the first run saves every story
 * earning and statement of the period (by story and author id, without run ids) as the
 * expected results, with the commit that computed them; every later run is compared with
 * them row by row. `--save-expected` replaces them (after a deliberate change of results).
 */
import { execFileSync } from 'node:child_process';
import type pg from 'pg';

const STORIES = `SELECT st.id COLLATE "C" AS id, to_jsonb(se) - 'id' - 'run_id' AS r
  FROM story_earnings se JOIN stories st ON st.key = se.story_key WHERE se.run_id = $1`;
const STATEMENTS = `SELECT au.id COLLATE "C" AS id, to_jsonb(sm) - 'id' - 'run_id' - 'payout_state_at' AS r
  FROM statements sm JOIN members au ON au.key = sm.author_key WHERE sm.run_id = $1`;
const TOTALS = `SELECT to_jsonb(r) AS r FROM (SELECT pool_micros, allocated_micros, unallocated_micros, referral_micros, member_count, pair_count
  FROM payout_runs WHERE id = $1) r`;

const commit = () => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

export interface ResultsCheck {
  saved: boolean;
  /** The commit whose run saved the expected results. */
  expectedFrom: string;
  stories: number;
  statements: number;
  storyDifferences: number;
  statementDifferences: number;
  totalsEqual: boolean;
}

/** Saves the run's results as expected (when none are, or `save`), else compares them with the expected ones. */
export async function checkResults(db: pg.Client, runId: string, save: boolean): Promise<ResultsCheck> {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_expected_stories (id text COLLATE "C" PRIMARY KEY, r jsonb NOT NULL)`);
  await db.query(`CREATE TABLE IF NOT EXISTS bench_expected_statements (id text COLLATE "C" PRIMARY KEY, r jsonb NOT NULL)`);
  await db.query(`CREATE TABLE IF NOT EXISTS bench_expected_run (commit text NOT NULL, totals jsonb NOT NULL)`);
  const { rows: saved } = await db.query(`SELECT commit FROM bench_expected_run`);
  if (save || saved.length === 0) {
    await db.query('BEGIN');
    await db.query(`TRUNCATE bench_expected_stories, bench_expected_statements, bench_expected_run`);
    await db.query(`INSERT INTO bench_expected_stories ${STORIES}`, [runId]);
    await db.query(`INSERT INTO bench_expected_statements ${STATEMENTS}`, [runId]);
    await db.query(`INSERT INTO bench_expected_run SELECT $2, r FROM (${TOTALS}) t`, [runId, commit()]);
    await db.query('COMMIT');
  }
  const differences = async (table: string, sql: string) =>
    (
      await db.query(`SELECT count(*)::int AS n FROM ${table} e FULL JOIN (${sql}) a ON a.id = e.id WHERE a.r IS DISTINCT FROM e.r`, [
        runId,
      ])
    ).rows[0].n as number;
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  const {
    rows: [run],
  } = await db.query(`SELECT commit, totals = (${TOTALS}) AS equal FROM bench_expected_run`, [runId]);
  return {
    saved: save || saved.length === 0,
    expectedFrom: run.commit,
    stories: await count('bench_expected_stories'),
    statements: await count('bench_expected_statements'),
    storyDifferences: await differences('bench_expected_stories', STORIES),
    statementDifferences: await differences('bench_expected_statements', STATEMENTS),
    totalsEqual: run.equal,
  };
}

export const describeCheck = (c: ResultsCheck) =>
  c.saved
    ? `results saved as expected (${c.stories.toLocaleString('en-US')} stories, ${c.statements.toLocaleString('en-US')} statements, commit ${c.expectedFrom})`
    : `results vs expected of ${c.expectedFrom}: ${c.storyDifferences} of ${c.stories.toLocaleString('en-US')} stories differ, ` +
      `${c.statementDifferences} of ${c.statements.toLocaleString('en-US')} statements differ, totals ${c.totalsEqual ? 'equal' : 'DIFFER'}`;

export const identical = (c: ResultsCheck) => c.storyDifferences === 0 && c.statementDifferences === 0 && c.totalsEqual;
