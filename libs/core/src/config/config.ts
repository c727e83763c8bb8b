import proxyaddr from 'proxy-addr';
import { QUEUE_CONCURRENCY } from '../queue/registry.js';

/** The one validated configuration of every process (api, worker, cli). */
export interface AppConfig {
  /** Null: no database configured, the embedded PostgreSQL is started instead. */
  databaseUrl: string | null;
  /** Null: queues run on BullMQ's PostgreSQL backend in the same database. */
  redisUrl: string | null;
  port: number;
  jwtSecret: string;
  /** A session's absolute lifetime (the token's expiry), whatever the activity. */
  jwtTtlSeconds: number;
  /** A session unused for this long is over (idle lifetime). */
  sessionIdleSeconds: number;
  /** AES-256-GCM key (32 bytes) that encrypts the TOTP secrets at rest. */
  secondFactorKey: Buffer;
  /** How long a second-factor confirmation lets money actions pass (step-up). */
  stepUpSeconds: number;
  adminEmail: string;
  adminPassword: string;
  intakeApiKey: string;
  /** Referral pages redirect to `${profileBaseUrl}${username}`. */
  profileBaseUrl: string;
  /** Queue namespace: Redis key prefix or PostgreSQL schema. Tests use a unique one. */
  queuePrefix: string;
  logLevel: string;
  /** How long a worker's lock on a job lasts; a crashed worker's job is retried after it. */
  queueLockMs: number;
  /** Payout jobs (shards) one worker process runs at once; default QUEUE_CONCURRENCY.payouts. */
  workerConcurrency: number;
  embeddedDataDir: string;
  embeddedPort: number;
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDRs, or proxy-addr's names such as `loopback`); none by default. */
  trustedProxies: string[];
  /** Origins allowed by CORS; none by default (the console is served by the api itself). */
  corsOrigins: string[];
  /** Strict-Transport-Security max-age; 0 (off) unless the console is reached over HTTPS. */
  hstsMaxAgeSeconds: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

/** The admin password used when ADMIN_PASSWORD is unset (development only; refused in production). */
export const DEVELOPMENT_ADMIN_PASSWORD = 'admin-password';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
  const value = env[name]?.trim();
  if (!value) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL (expected ${protocols.join(' or ')}//...)`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.join(' or ')}// (got ${parsed.protocol}//)`);
  }
  return value;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function text(env: NodeJS.ProcessEnv, name: string, fallback: string, check?: (v: string) => string | null): string {
  const value = env[name]?.trim() || fallback;
  const problem = check?.(value);
  if (problem) throw new ConfigError(name, problem);
  return value;
}

/** A comma-separated list; each item checked by `check` (a problem message or null). */
function list(env: NodeJS.ProcessEnv, name: string, check: (item: string) => string | null): string[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    const problem = check(item);
    if (problem) throw new ConfigError(name, `${problem} (got "${item}")`);
  }
  return items;
}

function proxyProblem(item: string): string | null {
  try {
    proxyaddr.compile(item);
    return null;
  } catch {
    return 'must list IP addresses, CIDR ranges, or loopback/linklocal/uniquelocal';
  }
}

function originProblem(item: string): string | null {
  try {
    const u = new URL(item);
    return /^https?:$/.test(u.protocol) && u.origin === item
      ? null
      : 'must list origins such as https://console.example.com (no path, no trailing slash)';
  } catch {
    return 'must list origins such as https://console.example.com';
  }
}

const minLength = (n: number) => (v: string) => (v.length < n ? `must be at least ${n} characters long` : null);

/** A secret with a development default: in production the default (given or implied) is refused. */
function secret(env: NodeJS.ProcessEnv, name: string, developmentDefault: string, min: number): string {
  const value = text(env, name, developmentDefault, minLength(min));
  if (env.NODE_ENV === 'production' && value === developmentDefault) {
    throw new ConfigError(name, 'must be set in production (the development default is refused)');
  }
  return value;
}

/** The TOTP-secret key used when SECOND_FACTOR_KEY is unset (development only; refused in production). */
export const DEVELOPMENT_SECOND_FACTOR_KEY = Buffer.alloc(32, 'development-only-second-factor!').toString('base64');

/** 32 bytes given as base64 (`openssl rand -base64 32`). */
function key32(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value)
    throw new ConfigError(name, 'must be 32 bytes in base64 (openssl rand -base64 32)');
  return key;
}

/** Reads and validates the environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    port: int(env, 'PORT', 3000, 1, 65535),
    jwtSecret: secret(env, 'JWT_SECRET', 'local-development-secret-change-me', 16),
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 86400),
    sessionIdleSeconds: 60 * int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    secondFactorKey: key32('SECOND_FACTOR_KEY', secret(env, 'SECOND_FACTOR_KEY', DEVELOPMENT_SECOND_FACTOR_KEY, 44)),
    stepUpSeconds: 60 * int(env, 'STEP_UP_MINUTES', 5, 1, 60),
    adminEmail: text(env, 'ADMIN_EMAIL', 'admin@example.com', (v) => (EMAIL.test(v) ? null : 'must be an email address')),
    adminPassword: secret(env, 'ADMIN_PASSWORD', DEVELOPMENT_ADMIN_PASSWORD, 8),
    intakeApiKey: secret(env, 'INTAKE_API_KEY', 'local-intake-key-change-me', 16),
    profileBaseUrl: text(env, 'PROFILE_BASE_URL', 'https://reading.example.com/@', (v) =>
      /^https?:\/\//.test(v) ? null : 'must be an http(s) URL',
    ),
    queuePrefix: text(env, 'QUEUE_PREFIX', 'ppc', (v) => (/^[a-z][a-z0-9_]{0,40}$/.test(v) ? null : 'must match [a-z][a-z0-9_]*')),
    logLevel: text(env, 'LOG_LEVEL', 'info', (v) => (LOG_LEVELS.includes(v) ? null : `must be one of ${LOG_LEVELS.join(', ')}`)),
    queueLockMs: int(env, 'QUEUE_LOCK_MS', 30000, 500, 600000),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', QUEUE_CONCURRENCY.payouts, 1, 16),
    embeddedDataDir: text(env, 'EMBEDDED_PG_DIR', '.data/pg'),
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    trustedProxies: list(env, 'TRUSTED_PROXIES', proxyProblem),
    corsOrigins: list(env, 'CORS_ORIGINS', originProblem),
    hstsMaxAgeSeconds: int(env, 'HSTS_MAX_AGE', 0, 0, 2 * 365 * 86400),
  };
}
