import compression from 'compression';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/config.js';
import { BOARD_PATH } from '../queue/board/board-session.js';

/** Where the OpenAPI browser lives (Swagger UI needs inline styles of its own). */
export const DOCS_PATH = '/api/docs';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The inline `<style>` blocks of the console's index.html, as CSP hashes, plus the empty
 * style element: emotion (MUI, react-admin) creates empty `<style>` tags in production and
 * fills them through the CSSOM (insertRule), which CSP does not govern. So the console
 * runs without 'unsafe-inline', and an injected `<style>` with content is still refused.
 */
export function consoleStyleHashes(adminDist: string | null): string[] {
  const hashes = [sha256('')];
  const index = adminDist ? join(adminDist, 'index.html') : null;
  if (index && existsSync(index)) {
    for (const m of readFileSync(index, 'utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) hashes.push(sha256(m[1]));
  }
  return hashes;
}

/**
 * Response headers of every answer: helmet's set with a strict CSP (frame-ancestors 'none'),
 * HSTS only when configured, no X-Powered-By; `Cache-Control: no-store` on every API answer
 * (they carry personal data and money, the payout file included).
 */
export function securityHeaders(config: AppConfig, styleHashes: string[]): RequestHandler[] {
  const docs = (req: Request) => req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`);
  // Bull Board's page (admins only, behind its own cookie) sets <base href>, inline styles and
  // Google's font stylesheet: allowed there alone; scripts stay 'self' everywhere.
  const board = (req: Request) => req.path === BOARD_PATH || req.path.startsWith(`${BOARD_PATH}/`);
  const styles = (req: Request) =>
    docs(req)
      ? ["'self'", "'unsafe-inline'"]
      : board(req)
        ? ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com']
        : ["'self'", ...styleHashes];
  const policy = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: [(req) => (board(req as Request) ? "'self'" : "'none'")],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: [(req) => styles(req as Request).join(' ')],
        imgSrc: [(req) => (docs(req as Request) || board(req as Request) ? "'self' data:" : "'self'")],
        fontSrc: [(req) => (board(req as Request) ? "'self' https://fonts.gstatic.com" : "'self'")],
        connectSrc: ["'self'"],
        ...(config.hstsMaxAgeSeconds > 0 ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.hstsMaxAgeSeconds > 0 ? { maxAge: config.hstsMaxAgeSeconds, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  const noStore = (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/') || req.path === '/api') res.setHeader('Cache-Control', 'no-store');
    next();
  };
  return [policy, noStore];
}

/** The console's assets, compressed (gzip or brotli as the browser accepts); API answers are not (BREACH). */
export function compressStaticAssets(): RequestHandler {
  return compression({ filter: (req, res) => !req.path.startsWith('/api') && compression.filter(req, res) });
}
