import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { loadConfig, type AppConfig, type Role } from '../../libs/core/src/index.js';
import { StaffService } from '../../libs/core/src/staff/staff.service.js';
import { createApi, type ApiOptions } from '../../apps/api/src/create-api.js';
import { createWorker } from '../../apps/worker/src/create-worker.js';
import { freshDatabase, type TestDatabase } from './database.js';

export const ADMIN = { email: 'admin@test.example', password: 'admin-test-password' };

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
  /** A bearer token for a new staff account with these roles. */
  tokenFor(roles: Role[], email?: string): Promise<string>;
  adminToken(): Promise<string>;
  startWorker(): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

/**
 * The real api on a fresh database (and, on demand, real workers); `timezone`: see
 * freshDatabase; `logDestination` captures the api's logs.
 */
export async function startTestApp(overrides: Record<string, string> = {}, options: { timezone?: string } & ApiOptions = {}): Promise<TestApp> {
  const { timezone, ...api } = options;
  const db = await freshDatabase({ timezone });
  const config = testConfig(overrides);
  const app = await createApi(config, db.url, api);
  const http = request(app.getHttpServer());
  const workers: INestApplicationContext[] = [];
  const login = async (email: string, password: string) => {
    const res = await http.post('/api/auth/login').send({ email, password }).expect(200);
    return res.body.accessToken as string;
  };
  return {
    db,
    config,
    app,
    http,
    async tokenFor(roles, email = `${roles.join('-')}-${randomBytes(3).toString('hex')}@test.example`) {
      const password = 'staff-test-password';
      await app.get(StaffService).create(null, { email, name: email, roles, password });
      return login(email, password);
    },
    adminToken: () => login(ADMIN.email, ADMIN.password),
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
