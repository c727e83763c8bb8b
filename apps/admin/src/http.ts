import { fetchUtils, HttpError } from 'react-admin';

export const API = '/api';
const TOKEN_KEY = 'ppc.token';
const USER_KEY = 'ppc.user';

export interface StaffIdentity {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

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

/** JSON over HTTP with the bearer token; errors are react-admin HttpErrors (status, body with the API's message). */
export function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = session.token();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // Signed out (e.g. a list refreshing while the sign-out completes): no point asking the API.
  else if (!url.endsWith('/auth/login')) return Promise.reject(new HttpError('Sign in first', 401, { statusCode: 401, code: 'unauthorized', message: 'Sign in first' }));
  return fetchUtils.fetchJson(url, { ...options, headers });
}

/** A file download (CSV) with the token: fetch, then save the blob under the server's file name. */
export async function download(url: string, fallbackName: string): Promise<void> {
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
