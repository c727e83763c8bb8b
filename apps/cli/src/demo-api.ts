import { randomUUID } from 'node:crypto';
import { unusedCode } from '../../../libs/core/src/auth/totp-code.js';

/** A small client for the demo's own api (the demo seeds through the real api and worker). */
export interface DemoApi {
  call(path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: unknown }>;
  login(email: string, password: string): Promise<string>;
  /** A list in the simple REST dialect, every row (up to 10,000). */
  list<T>(resource: string, filter: Record<string, unknown>, token: string): Promise<T[]>;
}

/** `secrets`: the TOTP secrets of enrolled accounts, to sign in with a code and step up when asked. */
export function demoApi(base: string, secrets: Record<string, string> = {}): DemoApi {
  const emailOf = new Map<string, string>();
  const send = async (path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      // A write is one action (start, approve, mark paid, …): one idempotency key each.
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'idempotency-key': randomUUID() }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json().catch(() => ({}))) as unknown };
  };
  /** A money action asks for a fresh confirmation (step_up_required): confirm with a code, retry once. */
  const call: DemoApi['call'] = async (path, token, body, headers = {}) => {
    const first = await send(path, token, body, headers);
    const email = token ? emailOf.get(token) : undefined;
    if (first.status !== 403 || (first.json as { code?: string }).code !== 'step_up_required' || !email || !secrets[email]) return first;
    const stepped = await send('/api/auth/step-up', token, { code: unusedCode(email, secrets[email]) });
    if (stepped.status !== 200) throw new Error(`demo step-up as ${email} failed (${stepped.status})`);
    return send(path, token, body, headers);
  };
  return {
    call,
    async login(email, password) {
      const code = secrets[email] ? { code: unusedCode(email, secrets[email]) } : {};
      const { status, json } = await send('/api/auth/login', null, { email, password, ...code });
      if (status !== 200) throw new Error(`demo sign-in as ${email} failed (${status})`);
      const token = (json as { accessToken: string }).accessToken;
      emailOf.set(token, email);
      return token;
    },
    async list<T>(resource: string, filter: Record<string, unknown>, token: string) {
      const q = `filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,9999]')}`;
      const { status, json } = await call(`/api/${resource}?${q}`, token);
      if (status !== 200) throw new Error(`GET /api/${resource} failed (${status}): ${JSON.stringify(json)}`);
      return json as T[];
    },
  };
}

/** Polls until `probe` returns a value (never a fixed sleep as synchronisation). */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
