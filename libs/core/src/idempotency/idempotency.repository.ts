import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { one } from '../database/sql.js';

/** Keys are kept this long at least (spec/api.md: 24 hours); older ones are dropped as new ones are stored. */
export const IDEMPOTENCY_KEY_HOURS = 48;

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

@Injectable()
export class IdempotencyRepository {
  /**
   * Takes the key for this transaction without waiting: false when another request with
   * the same user and key is in flight (its transaction holds the lock until it ends).
   */
  async claim(m: EntityManager, staffId: string, key: string): Promise<boolean> {
    const row = await one<{ ok: boolean }>(
      m,
      `SELECT pg_try_advisory_xact_lock(hashtextextended('idempotency:' || $1 || ':' || $2, 0)) AS ok`,
      [staffId, key],
    );
    return !!row?.ok;
  }

  async find(m: EntityManager, staffId: string, key: string): Promise<StoredResponse | undefined> {
    return one<StoredResponse>(
      m,
      `SELECT fingerprint, response_status AS status, response_body AS body FROM idempotency_keys
       WHERE staff_id = $1 AND key = $2 AND created_at > now() - make_interval(hours => $3)`,
      [staffId, key, IDEMPOTENCY_KEY_HOURS],
    );
  }

  /** Stores the response (replacing an expired row of the same key) and drops the user's expired keys. */
  async store(m: EntityManager, staffId: string, key: string, route: string, response: StoredResponse): Promise<void> {
    await m.query(`DELETE FROM idempotency_keys WHERE staff_id = $1 AND created_at <= now() - make_interval(hours => $2)`, [
      staffId,
      IDEMPOTENCY_KEY_HOURS,
    ]);
    await m.query(
      `INSERT INTO idempotency_keys (staff_id, key, route, fingerprint, response_status, response_body) VALUES ($1, $2, $3, $4, $5, $6)`,
      [staffId, key, route, response.fingerprint, response.status, response.body === undefined ? null : JSON.stringify(response.body)],
    );
  }
}
