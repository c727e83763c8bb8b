import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig, type Role } from '../../libs/core/src/index.js';
import { StaffService } from '../../libs/core/src/staff/staff.service.js';
import { needsSecondFactor } from '../../libs/core/src/auth/second-factor-policy.js';
import { SecondFactorService } from '../../libs/core/src/auth/second-factor.service.js';
import { unusedCode } from '../../libs/core/src/auth/totp-code.js';
import { createApi, type ApiOptions } from '../../apps/api/src/create-api.js';
import { createWorker } from '../../apps/worker/src/create-worker.js';
import { freshDatabase, type TestDatabase } from './database.js';

export const ADMIN = { email: 'admin@test.example', password: 'admin-test-password' };
/** The TOTP secret every test account with a finance or admin role is enrolled with (base32). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A code for this account not used yet (see unusedCode). */
export const freshCode = (email: string, secret = TEST_TOTP_SECRET) => unusedCode(email, secret);

/** A new Idempotency-Key header (money writes require one; one per action). */
export const newKey = () => ({ 'Idempotency-Key': randomBytes(16).toString('hex') });

/** Test configuration: the test database, the queue backend the global setup chose, a unique queue namespace. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    REDIS_URL: process.env.TEST_REDIS_URL ?? '',
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    INTAKE_API_KEY: 'test-intake-key-0123456789',
    JWT_SECRET: 'test-jwt-secret-0123456789',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  } as NodeJS.ProcessEnv);
}

export interface TestApp {
  db: TestDatabase;
  config: AppConfig;
  app: INestApplication;
  http: TestAgent;
  /**
   * A bearer token for a new staff account with these roles. Finance and admin accounts are
   * enrolled with TEST_TOTP_SECRET and signed in with a code, which is also a fresh step-up.
   */
  tokenFor(roles: Role[], email?: string): Promise<string>;
  /** The first admin's token (signed in once per app, with a code: stepped up). */
  adminToken(): Promise<string>;
  /** Signs in with password and, for an enrolled account, a fresh code. */
  signIn(email: string, password: string): Promise<string>;
  /** A new second-factor confirmation for this token's session (after STEP_UP_MINUTES). */
  stepUp(token: string, email: string): Promise<void>;
  startWorker(): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

/**
 * The real api on a fresh database (and, on demand, real workers); `timezone`: see
 * freshDatabase; `logDestination` captures the api's logs.
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  options: { timezone?: string } & ApiOptions = {},
): Promise<TestApp> {
  const { timezone, ...api } = options;
  const db = await freshDatabase({ timezone });
  const config = testConfig(overrides);
  const app = await createApi(config, db.url, api);
  const http = request(app.getHttpServer());
  const workers: INestApplicationContext[] = [];
  const enrolled = new Set<string>();
  const enrol = async (email: string) => {
    const [row] = await app.get(DataSource).query(`SELECT id FROM staff_users WHERE email = $1`, [email.toLowerCase()]);
    await app.get(SecondFactorService).enrolKnownSecret(row.id, TEST_TOTP_SECRET);
    enrolled.add(email.toLowerCase());
  };
  const login = async (email: string, password: string) => {
    const code = enrolled.has(email.toLowerCase()) ? { code: freshCode(email.toLowerCase()) } : {};
    const res = await http
      .post('/api/auth/login')
      .send({ email, password, ...code })
      .expect(200);
    return res.body.accessToken as string;
  };
  let admin: Promise<string> | null = null;
  return {
    db,
    config,
    app,
    http,
    async tokenFor(roles, email = `${roles.join('-')}-${randomBytes(3).toString('hex')}@test.example`) {
      const password = 'staff-test-password';
      await app.get(StaffService).create(null, { email, name: email, roles, password });
      if (needsSecondFactor(roles)) await enrol(email);
      return login(email, password);
    },
    adminToken() {
      admin ??= enrol(ADMIN.email).then(() => login(ADMIN.email, ADMIN.password));
      return admin;
    },
    signIn: login,
    async stepUp(token, email) {
      await http
        .post('/api/auth/step-up')
        .set('Authorization', `Bearer ${token}`)
        .send({ code: freshCode(email.toLowerCase()) })
        .expect(200);
    },
    async startWorker() {
      const worker = await createWorker(config, db.url);
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const w of workers) await w.close();
      await app.close();
      await db.drop();
    },
  };
}
