import type { AuthProvider } from 'react-admin';
import { can } from './access';
import type { StaffIdentity } from './api';
import { API, httpClient, session } from './http';

export const NO_ACCESS_MESSAGE = "You don't have access to this";

let me: Promise<StaffIdentity> | null = null;
/** The page a redirect to sign-in is already under way from (see logout). */
let redirectingFrom: string | null = null;

/**
 * The signed-in staff member from `GET /api/auth/me` (once per page load; roles may have changed
 * since login). A 401 (session expired, revoked, or account disabled) forgets the token; it never
 * navigates by itself: react-admin's checkAuth/checkError take the user to the sign-in page once,
 * remembering the page to come back to.
 */
function currentStaff(): Promise<StaffIdentity> {
  if (!session.token()) return Promise.reject(Object.assign(new Error('Sign in first'), { status: 401 }));
  if (!me) {
    me = httpClient(`${API}/auth/me`).then(({ json }) => {
      session.setUser(json);
      return json as StaffIdentity;
    });
    me.catch((e) => {
      me = null;
      if (e?.status === 401) session.clear();
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
  async login({ username, password, code, recoveryCode }: { username: string; password: string; code?: string; recoveryCode?: string }) {
    const { json } = await httpClient(`${API}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: username, password, ...(code ? { code } : {}), ...(recoveryCode ? { recoveryCode } : {}) }),
    }).catch((e) => {
      const apiCode = e?.body?.code;
      // The password was right; the login page asks for the code next.
      if (apiCode === 'second_factor_required') throw Object.assign(new Error('Enter your code'), { code: apiCode });
      if (apiCode === 'wrong_second_factor') throw new Error('Wrong or already used code');
      throw new Error(
        e?.status === 401
          ? 'Wrong email or password'
          : e?.status === 429
            ? 'Too many attempts: wait a moment'
            : (e?.message ?? 'Sign-in failed'),
      );
    });
    const user = { ...json.user, secondFactor: json.secondFactor } as StaffIdentity;
    session.save(json.accessToken, user);
    me = Promise.resolve(user);
    redirectingFrom = null;
    // Finance and admin without a second factor can only enrol: the profile page first.
    return user.secondFactor?.required && !user.secondFactor.enrolled ? { redirectTo: '/profile' } : undefined;
  },
  async logout() {
    // End the session on the server too (best effort: an expired one is already over).
    if (session.token()) await httpClient(`${API}/auth/logout`, { method: 'POST' }).catch(() => undefined);
    session.clear();
    me = null;
    // Every check of a page that finds no session asks to log out: one redirect to the sign-in page is enough.
    const here = window.location.href;
    if (window.location.hash.startsWith('#/login') || redirectingFrom === here) return false;
    redirectingFrom = here;
    return undefined;
  },
  async checkAuth() {
    // Signed out: no request at all; signed in: the session is checked once per page load.
    if (!session.token()) throw Object.assign(new Error('Sign in first'), { message: false });
    await currentStaff().catch((e) => {
      if (e?.status === 401) throw new Error('Your session has ended: sign in again');
    });
  },
  async checkError(error: { status?: number; body?: { code?: string } }) {
    if (error?.status === 401) {
      session.clear();
      me = null;
      throw new Error('Your session has ended: sign in again');
    }
    if (error?.status === 403 && (error as { body?: { code?: string } }).body?.code === 'second_factor_enrolment_required') {
      throw Object.assign(new Error('Set up two-factor sign-in first'), { logoutUser: false, redirectTo: '/profile' });
    }
    if (error?.status === 403) {
      // Stay signed in; say so.
      throw Object.assign(new Error(NO_ACCESS_MESSAGE), { logoutUser: false });
    }
  },
  async getIdentity() {
    if (!session.token()) throw new Error('Sign in first');
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
