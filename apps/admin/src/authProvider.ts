import type { AuthProvider } from 'react-admin';
import { can } from './access';
import { API, httpClient, session, type StaffIdentity } from './http';

export const NO_ACCESS_MESSAGE = "You don't have access to this";

let me: Promise<StaffIdentity> | null = null;

/** The signed-in staff member from `GET /api/auth/me` (once per page load; roles may have changed since login). */
function currentStaff(): Promise<StaffIdentity> {
  if (!me) {
    me = httpClient(`${API}/auth/me`).then(({ json }) => {
      session.setUser(json);
      return json as StaffIdentity;
    });
    me.catch((e) => {
      me = null;
      if (e?.status === 401) {
        // The token expired or the account was disabled: back to the sign-in page.
        session.clear();
        window.location.hash = '#/login';
      }
    });
  }
  return me;
}

async function rolesOrNone(): Promise<string[]> {
  try {
    return (await currentStaff()).roles;
  } catch (e) {
    if ((e as { status?: number })?.status === 401) return [];
    throw e;
  }
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const { json } = await httpClient(`${API}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: username, password }),
    }).catch((e) => {
      throw new Error(e?.status === 401 ? 'Wrong email or password' : e?.status === 429 ? 'Too many attempts: wait a moment' : (e?.message ?? 'Sign-in failed'));
    });
    session.save(json.accessToken, json.user);
    me = Promise.resolve(json.user);
  },
  async logout() {
    session.clear();
    me = null;
  },
  async checkAuth() {
    if (!session.token()) throw new Error('Sign in first');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      session.clear();
      me = null;
      throw new Error('Your session has ended: sign in again');
    }
    if (error?.status === 403) {
      // Stay signed in; say so.
      throw Object.assign(new Error(NO_ACCESS_MESSAGE), { logoutUser: false });
    }
  },
  async getIdentity() {
    const user = session.user() ?? (await currentStaff());
    return { id: user.id, fullName: user.name, email: user.email, roles: user.roles };
  },
  async getPermissions() {
    if (!session.token()) return [];
    return rolesOrNone();
  },
  async canAccess({ resource, action }) {
    if (!session.token()) return false;
    if (!resource) return true;
    return can(await rolesOrNone(), resource, action);
  },
};
