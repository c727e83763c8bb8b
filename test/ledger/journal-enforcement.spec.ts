import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.js';

describe('ledger journal: enforced by the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const insert = (group: string, account: string, amount: string) =>
    t.db.pool.query(`INSERT INTO ledger_entries (group_id, account, amount_micros, kind) VALUES ($1, $2, $3, 'test')`, [
      group,
      account,
      amount,
    ]);

  it('commits a balanced group and refuses an unbalanced one, writing none of it', async () => {
    const ok = randomUUID();
    await t.db.pool.query(
      `INSERT INTO ledger_entries (group_id, account, amount_micros, kind) VALUES ($1, 'pool:2026-01', 1500000, 'test'), ($1, 'author:a', -1500000, 'test')`,
      [ok],
    );
    const bad = randomUUID();
    await expect(insert(bad, 'pool:2026-01', '1000000')).rejects.toThrow(/does not balance/);
    const { rows } = await t.db.pool.query(
      `SELECT group_id::text AS g, count(*)::int AS n FROM ledger_entries WHERE group_id IN ($1, $2) GROUP BY 1`,
      [ok, bad],
    );
    expect(rows).toEqual([{ g: ok, n: 2 }]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries', async () => {
    await expect(t.db.pool.query(`UPDATE ledger_entries SET amount_micros = 1`)).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query(`TRUNCATE ledger_entries`)).rejects.toThrow(/append-only/);
  });
});
