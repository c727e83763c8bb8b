import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface RawAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

/**
 * One request exactly as given (bytes, headers, chunked or not), unlike supertest, which
 * re-encodes bodies. A connection the server closes while the body is still being sent
 * answers with status 0 only if no response arrived.
 */
export function rawRequest(
  port: number,
  req: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean },
  agent?: http.Agent,
): Promise<RawAnswer> {
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers: Record<string, string | number> = Object.fromEntries(Object.entries(req.headers ?? {}).filter(([, v]) => v !== ''));
  if (body && !req.chunked) headers['Content-Length'] = body.length;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    r.on('error', (e) =>
      answered
        ? undefined
        : e.message.includes('EPIPE') || e.message.includes('ECONNRESET')
          ? resolve({ status: 0, body: e.message, headers: {}, ms: performance.now() - started })
          : reject(e),
    );
    if (body && req.chunked) {
      // in 64 kB pieces, as a slow or streaming client would send it
      for (let i = 0; i < body.length; i += 65_536) r.write(body.subarray(i, i + 65_536));
      r.end();
    } else r.end(body);
  });
}

/** Runs `tasks` with at most `concurrency` in flight; the results in order. */
export async function pool<T, R>(tasks: T[], concurrency: number, run: (task: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await run(tasks[i]);
      }
    }),
  );
  return results;
}
