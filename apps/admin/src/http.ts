import { fetchUtils, HttpError } from 'react-admin';
import type { StaffIdentity } from './api';
import { describeError, fieldErrors } from './errors';

export const API = '/api';
const TOKEN_KEY = 'ppc.token';
const USER_KEY = 'ppc.user';

export const session = {
  token: () => localStorage.getItem(TOKEN_KEY),
  user: (): StaffIdentity | null => {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as StaffIdentity) : null;
  },
  save(token: string, user: StaffIdentity) {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  setUser(user: StaffIdentity) {
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  },
};

/**
 * Asks the user for a second-factor code and confirms it (POST /api/auth/step-up); resolves
 * true when confirmed, false when cancelled. Registered by the StepUpDialog the layout mounts.
 */
let askForStepUp: (() => Promise<boolean>) | null = null;
export function onStepUpRequired(handler: (() => Promise<boolean>) | null) {
  askForStepUp = handler;
}
const isStepUp = (e: unknown) =>
  (e as { status?: number; body?: { code?: string } })?.status === 403 &&
  (e as { body?: { code?: string } }).body?.code === 'step_up_required';

/** A money action answered `step_up_required`: ask for a code, then retry it as it was (same body, same Idempotency-Key). */
async function withStepUp<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (!isStepUp(e) || !askForStepUp || !(await askForStepUp())) throw e;
    return attempt();
  }
}

function plainJson(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // Signed out (e.g. a list refreshing while the sign-out completes): no point asking the API.
  else if (!url.endsWith('/auth/login'))
    return Promise.reject(new HttpError('Sign in first', 401, { statusCode: 401, code: 'unauthorized', message: 'Sign in first' }));
  return fetchUtils.fetchJson(url, { ...options, headers });
}

/** JSON over HTTP with the bearer token; errors are react-admin HttpErrors (status, body with the API's message). */
export function httpClient(url: string, options: fetchUtils.Options = {}) {
  return withStepUp(() => plainJson(url, options)).catch((e: unknown) => {
    throw inWords(e);
  });
}

/**
 * The API's error with its message in words and, for bad fields, `body.errors` (react-admin's
 * forms show each under its input); status, code and details stay as the API sent them.
 */
function inWords(e: unknown): unknown {
  if (!(e instanceof HttpError) || !e.body || typeof e.body !== 'object') return e;
  const errors = fieldErrors(e.body);
  return new HttpError(describeError(e), e.status, { ...e.body, apiMessage: e.body.message, ...(errors ? { errors } : {}) });
}

/** The step-up call itself (never retried through the dialog). */
export const stepUpRequest = (body: { code?: string; recoveryCode?: string }) =>
  plainJson(`${API}/auth/step-up`, { method: 'POST', body: JSON.stringify(body) });

/** A file download (CSV) with the token: fetch, then save the blob under the server's file name. */
export function download(url: string, fallbackName: string): Promise<void> {
  return withStepUp(() => downloadOnce(url, fallbackName));
}

async function downloadOnce(url: string, fallbackName: string): Promise<void> {
  const token = session.token();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    let body: { message?: string } | undefined;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    throw new HttpError(body?.message ?? res.statusText, res.status, body);
  }
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const blob = await res.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
