import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../../auth/access.decorators.js';

/**
 * The queue dashboard (Bull Board) is a page of its own, not a call from the console, so
 * the console's bearer token (kept by the console, sent in a header) does not reach it.
 * An admin's console asks `POST /api/queue-board/session` (bearer token, admin only) for a
 * short-lived signed cookie that only the board's path receives: HttpOnly (no script reads
 * it), SameSite=Strict (no other site can make the browser send it), Secure over HTTPS,
 * its token marked for the board alone, never valid as a bearer token. Every board request
 * checks the account again (active, still an admin); the cookie is renewed while the board
 * is used, never past the expiry of the bearer token it came from.
 */
export const BOARD_ROUTE = 'queues';
export const BOARD_PATH = `/api/${BOARD_ROUTE}`;
export const BOARD_COOKIE = 'ppc_queue_board';
export const BOARD_SESSION_SECONDS = 30 * 60;
const PURPOSE = 'queue-board';

interface BoardClaims {
  sub: string;
  purpose?: string;
  /** Epoch seconds the session may never outlive (the bearer token's expiry). */
  cap?: number;
  exp?: number;
}

const now = () => Math.floor(Date.now() / 1000);

export class BoardSessions {
  /** Bearer tokens (the api's secret). */
  private readonly jwt: JwtService;
  /** Board cookies: a key derived for them alone, so a board cookie never verifies as a bearer token. */
  private readonly board: JwtService;

  constructor(secret: string) {
    this.jwt = new JwtService({ secret });
    this.board = new JwtService({ secret: createHmac('sha256', secret).update('queue-board session').digest('base64url') });
  }

  /** The Set-Cookie value of a board session for `staffId`, until `cap` at the latest. */
  cookie(staffId: string, cap: number, secure: boolean): string | null {
    const seconds = Math.min(BOARD_SESSION_SECONDS, cap - now());
    if (seconds <= 0) return null;
    const token = this.board.sign({ sub: staffId, purpose: PURPOSE, cap }, { expiresIn: seconds });
    return `${BOARD_COOKIE}=${token}; Path=${BOARD_PATH}; Max-Age=${seconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  /** The expiry (epoch seconds) of a valid bearer token, else null. */
  bearerExpiry(authorization: string | undefined): number | null {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return null;
    try {
      return (this.jwt.verify<BoardClaims>(token).exp as number | undefined) ?? null;
    } catch {
      return null;
    }
  }

  /** The staff id of a valid credential for the board: its cookie, or an admin's bearer token (API clients). */
  read(req: Request): { staffId: string; claims: BoardClaims; fromCookie: boolean } | null {
    const cookie = cookieValue(req.headers.cookie, BOARD_COOKIE);
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = cookie ?? bearer;
    if (!token) return null;
    try {
      // A board cookie is not a bearer token, and a bearer token planted as the cookie is refused.
      const claims = (cookie !== undefined ? this.board : this.jwt).verify<BoardClaims>(token);
      if ((cookie !== undefined) !== (claims.purpose === PURPOSE)) return null;
      return { staffId: claims.sub, claims, fromCookie: cookie !== undefined };
    } catch {
      return null;
    }
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** 401/403 in the API's error shape; a page saying where to go for a browser that navigated here. */
function deny(req: Request, res: Response, status: 401 | 403, message: string): void {
  res.status(status);
  if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Queue dashboard</title></head><body>` +
          `<h1>Queue dashboard</h1><p>${message}</p><p><a href="/#/queue-dashboard">Open it from the console</a> (Admin, Queue dashboard).</p></body></html>`,
      );
    return;
  }
  res.json({ statusCode: status, code: status === 401 ? 'unauthorized' : 'forbidden', message });
}

/** The board's guard: an active admin only (checked on every request), the cookie renewed while used. */
export function boardGuard(sessions: BoardSessions, findActive: (id: string) => Promise<Actor | null | undefined>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const found = sessions.read(req);
      if (!found) return deny(req, res, 401, 'Sign in to the console as an admin, then open the queue dashboard from its menu.');
      const actor = await findActive(found.staffId);
      if (!actor) return deny(req, res, 401, 'Your session has ended: sign in to the console again.');
      if (!actor.roles.includes('admin')) return deny(req, res, 403, 'The queue dashboard is for admins only.');
      const { exp = 0, cap = 0 } = found.claims;
      if (found.fromCookie && exp - now() < BOARD_SESSION_SECONDS / 2) {
        const renewed = sessions.cookie(actor.id, cap, req.secure);
        if (renewed) res.setHeader('Set-Cookie', renewed);
      }
      next();
    } catch (e) {
      next(e);
    }
  };
}
