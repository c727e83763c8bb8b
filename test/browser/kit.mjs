// A small runner for the walkthroughs: playwright-core with Debian's Chromium, one fresh
// browser context per walkthrough, screenshots of each screen, waits on conditions only.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--headless',
];
const TIMEOUT = Number(process.env.BROWSER_TIMEOUT_MS ?? 15_000);

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export class AssertionError extends Error {}
export function check(condition, message) {
  if (!condition) throw new AssertionError(message);
}

/** Waits until the locator is visible (or fails with `what`). */
export async function visible(locator, what, timeout = TIMEOUT) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (e) {
    throw new AssertionError(`expected to see ${what}: ${e.message.split('\n')[0]}`);
  }
  return locator.first();
}

export async function hidden(locator, what, timeout = TIMEOUT) {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch (e) {
    throw new AssertionError(`expected not to see ${what}: ${e.message.split('\n')[0]}`);
  }
}

export function createRunner({ browser, base, shotsDir, only }) {
  mkdirSync(shotsDir, { recursive: true });
  const results = [];

  async function walkthrough(name, fn) {
    if (only && !only.some((o) => name.includes(o))) return;
    const started = Date.now();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
      timezoneId: 'America/Los_Angeles',
    });
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    let step = 0;
    const apiErrors = [];
    const pageErrors = [];
    const cspViolations = [];
    const uncompressed = [];
    page.on('response', (r) => {
      // The password step of a two-factor sign-in answers 401 second_factor_required (a failed sign-in fails its walkthrough anyway).
      const codeStep = r.status() === 401 && r.request().method() === 'POST' && r.url().endsWith('/api/auth/login');
      if (r.url().includes('/api/') && r.status() >= 400 && !codeStep)
        apiErrors.push(`${r.status()} ${r.request().method()} ${r.url().replace(base, '')}`);
      // the console's scripts and styles travel compressed
      if (/\/assets\/[^?]+\.(js|css)$/.test(r.url()) && r.status() === 200 && !r.headers()['content-encoding'])
        uncompressed.push(r.url().replace(base, ''));
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The console runs under the API's Content-Security-Policy: any violation fails the walkthrough.
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const t = {
      page,
      context,
      base,
      apiErrors,
      /** A screenshot of the current screen, kept as a test artifact. */
      async shot(label) {
        step += 1;
        await page.screenshot({ path: join(shotsDir, `${slug}-${String(step).padStart(2, '0')}-${label}.png`), fullPage: true });
      },
      /** No API call of this walkthrough failed (4xx/5xx), except those expected. */
      noApiErrors(expected = []) {
        const unexpected = apiErrors.filter((e) => !expected.some((x) => e.includes(x)));
        check(unexpected.length === 0, `API errors: ${unexpected.join('; ')}`);
      },
    };
    try {
      await fn(t);
      check(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
      check(cspViolations.length === 0, `Content-Security-Policy violations: ${cspViolations.join('; ')}`);
      check(uncompressed.length === 0, `assets served uncompressed: ${uncompressed.join(', ')}`);
      results.push({ name, ok: true, ms: Date.now() - started });
      console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      results.push({ name, ok: false, ms: Date.now() - started, error: e });
      console.log(
        `  ✗ ${name}\n    ${String(e?.stack ?? e)
          .split('\n')
          .slice(0, 6)
          .join('\n    ')}`,
      );
      if (apiErrors.length) console.log(`    API errors seen: ${apiErrors.join('; ')}`);
      await page.screenshot({ path: join(shotsDir, `${slug}-FAILED.png`), fullPage: true }).catch(() => undefined);
    } finally {
      await context.close();
    }
  }

  return { walkthrough, results };
}
