// Shared helpers for the whole-page browser tests (not a test file itself).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

/** Every wait is bounded by one of these. */
export const READY_TIMEOUT = 15_000; // app start (wasm download + compile + first render)
export const WAIT_TIMEOUT = 5_000; // a reaction to one edit or click
export const TEST_TIMEOUT = 90_000; // a whole test

export const DIST = path.resolve(
  process.env.DIST ? process.env.DIST : fileURLToPath(new URL('../../dist', import.meta.url)),
);
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

export const STORAGE_KEY = 'agent-credits.v1';
export const UNREADABLE_KEY = 'agent-credits.v1.unreadable';

export const INPUT_KEYS = [
  'sales_order.requests',
  'sales_order.attachment_rate',
  'sales_order.attachments',
  'payables.documents',
  'payables.lines',
  'payables.attachments',
];
export const METRIC_KEYS = [
  'sales_order.credits_per_run',
  'sales_order.credits_per_month',
  'payables.credits_per_run',
  'payables.credits_per_month',
  'total.credits_per_month',
];
export const DEFAULT_INPUTS = {
  'sales_order.requests': '100',
  'sales_order.attachment_rate': '40',
  'sales_order.attachments': '1',
  'payables.documents': '100',
  'payables.lines': '5',
  'payables.attachments': '1',
};
/** The reference documents' worked examples (Microsoft Learn, docs/reference/): kept literal. */
export const SALES_ORDER_EXAMPLE = 1180; // [(2 + 5 + 2) + 0.4×(5 + 2)] × 100 requests
export const PAYABLES_EXAMPLE = 5200; // 52 credits × 100 e-documents
/** The default estimate holds both reference agents at their examples' inputs. */
export const DEFAULT_TOTAL = String(SALES_ORDER_EXAMPLE + PAYABLES_EXAMPLE);
export const DEFAULT_METRICS = {
  'sales_order.credits_per_run': '11.8',
  'sales_order.credits_per_month': String(SALES_ORDER_EXAMPLE),
  'payables.credits_per_run': '52',
  'payables.credits_per_month': String(PAYABLES_EXAMPLE),
  'total.credits_per_month': DEFAULT_TOTAL,
};
/** Payables credits per run by invoice lines, at 1 attachment per document. */
export const LINES_TABLE = { 1: '32', 5: '52', 10: '77', 25: '152', 50: '277' };

/** Debian's Chromium; never a Playwright-downloaded browser. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
}

export function assertDistBuilt() {
  const index = path.join(DIST, 'index.html');
  assert.ok(
    existsSync(index),
    `${index} is missing: build the app first (trunk build --release), or point DIST at a build`,
  );
}

/** en-US formatting of a plain decimal string: "2687.5" -> "2,687.5". */
export function enUS(decimal) {
  const [int, frac] = String(decimal).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = int.replace('-', '');
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? '.' + frac : '');
}

function slug(s) {
  return s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 80);
}

/**
 * Runs `fn(page, ctx)` in a fresh context and page, recording page errors, console errors and
 * failed requests; asserts there were none once `fn` is done. On failure a screenshot goes to
 * artifacts/fail-<test>.png. The context is always closed.
 */
export async function withPage(browser, t, opts, fn) {
  if (typeof opts === 'function') [opts, fn] = [{}, opts];
  const { initScripts = [], ...contextOptions } = opts;
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  context.setDefaultTimeout(WAIT_TIMEOUT);
  context.setDefaultNavigationTimeout(READY_TIMEOUT);
  for (const [script, arg] of initScripts) await context.addInitScript(script, arg);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('crash', () => problems.push('page crashed'));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url || '';
    // The page's icon is a data: URI, but a page without one (about:blank, a host page) makes
    // Chromium ask for /favicon.ico; the favicon test checks the page's own icon.
    if (/\/favicon\.ico$/.test(where)) return;
    problems.push(`console.error: ${msg.text()}${where ? ` (at ${where})` : ''}`);
  });
  page.on('requestfailed', (req) => {
    if (/\/favicon\.ico$/.test(req.url())) return;
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText || ''}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !/\/favicon\.ico$/.test(res.url())) {
      problems.push(`HTTP ${res.status()} for ${res.url()}`);
    }
  });
  try {
    await fn(page, context);
    assert.deepEqual(problems, [], `page errors, console errors or failed requests during the test`);
  } catch (err) {
    try {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({
        path: path.join(ARTIFACTS, `fail-${slug(t?.name || 'test')}.png`),
        fullPage: true,
        timeout: WAIT_TIMEOUT,
      });
    } catch {
      /* the screenshot is a courtesy */
    }
    if (problems.length && !String(err.message).includes('page errors')) {
      err.message += `\n(also seen on the page: ${problems.join(' | ')})`;
    }
    throw err;
  } finally {
    await context.close().catch(() => {});
  }
}

/** Seeds localStorage before the app's first load (once per context, before any page script). */
export function seedStorage(entries) {
  return [
    (entries) => {
      try {
        if (sessionStorage.getItem('__e2e_seeded') === '1') return;
        sessionStorage.setItem('__e2e_seeded', '1');
        for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
      } catch {
        /* not the app's origin (about:blank) */
      }
    },
    entries,
  ];
}

/** An init script that makes every access to window.localStorage throw, as a locked-down browser does. */
export function storageThrows() {
  return [
    () => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    },
    undefined,
  ];
}

/**
 * Opens `url` and waits until the app owns the page (`html[data-app="ready"]`, the public
 * readiness hook) and every part of it is live (`html[data-complete]`: the parts loaded after
 * the estimate). The served page is prerendered, so figures are in the DOM before either.
 */
export async function openApp(page, url) {
  await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT });
  try {
    await page.waitForSelector('html[data-app="ready"][data-complete]', {
      state: 'attached',
      timeout: READY_TIMEOUT,
    });
  } catch {
    const body = await page.evaluate(() => document.body?.outerHTML ?? '(no body)').catch(() => '?');
    assert.fail(
      `the app did not become ready at ${url} within ${READY_TIMEOUT} ms ` +
        `(html[data-app="ready"][data-complete] never appeared). Body: ${clip(body, 1500)}`,
    );
  }
}

export function clip(s, n = 600) {
  s = String(s).replace(/\s+/g, ' ');
  return s.length > n ? s.slice(0, n) + '…' : s;
}

function metricSel(key) {
  return `[data-metric="${key}"]`;
}

async function describeMetric(page, key) {
  return page.evaluate((sel) => {
    const els = document.querySelectorAll(sel);
    if (els.length === 0) return null;
    const el = els[0];
    return {
      count: els.length,
      tag: el.tagName.toLowerCase(),
      value: el.getAttribute('data-value'),
      text: el.textContent.trim(),
      html: el.outerHTML,
    };
  }, metricSel(key));
}

/**
 * Waits (bounded) until metric `key` has data-value `value`, then asserts: a single <output>,
 * the exact data-value, and an en-US text showing the number (grouped, no exponent).
 */
export async function expectMetric(page, key, value) {
  await page
    .waitForFunction(
      ([sel, v]) => document.querySelector(sel)?.getAttribute('data-value') === v,
      [metricSel(key), value],
      { timeout: WAIT_TIMEOUT },
    )
    .catch(() => {});
  const m = await describeMetric(page, key);
  assert.ok(m, `metric ${key}: no element ${metricSel(key)} on the page`);
  assert.equal(m.value, value, `metric ${key}: data-value — element was ${clip(m.html)}`);
  assert.equal(m.tag, 'output', `metric ${key} should be an <output>: ${clip(m.html)}`);
  assert.equal(m.count, 1, `metric ${key} appears ${m.count} times`);
  const shown = enUS(value);
  const re = new RegExp(`(^|[^\\d.,])${shown.replace(/[.,]/g, '\\$&')}([^\\d.,]|$)`);
  assert.match(m.text, re, `metric ${key}: text should show ${shown} — element was ${clip(m.html)}`);
}

/**
 * Money metric `key`: an <output> whose data-value is the exact figure and whose text shows it
 * rounded to cents, grouped (`26.875` shows as `26.88`).
 */
export async function expectMoney(page, key, exact, shown) {
  const sel = `[data-metric="${key}"]`;
  await page
    .waitForFunction(([s, v]) => document.querySelector(s)?.getAttribute('data-value') === v, [sel, exact], {
      timeout: WAIT_TIMEOUT,
    })
    .catch(() => {});
  const m = await page.evaluate((s) => {
    const el = document.querySelector(s);
    return el && { value: el.getAttribute('data-value'), text: el.textContent.trim(), tag: el.tagName, html: el.outerHTML };
  }, sel);
  assert.ok(m, `money metric ${key}: not on the page`);
  assert.equal(m.tag, 'OUTPUT', `money metric ${key} should be an <output>`);
  assert.equal(m.value, exact, `money metric ${key}: data-value — ${clip(m.html)}`);
  assert.ok(m.text.includes(shown), `money metric ${key}: text should show ${shown} — ${clip(m.html)}`);
}

export async function expectMetrics(page, metrics) {
  for (const [key, value] of Object.entries(metrics)) await expectMetric(page, key, value);
}

export async function metricValues(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-metric]')].map((el) => [
        el.getAttribute('data-metric'),
        el.getAttribute('data-value'),
      ]),
    ),
  );
}

export async function expectNoMetric(page, key) {
  const m = await describeMetric(page, key);
  assert.equal(m, null, `metric ${key} should be absent, found ${m && clip(m.html)}`);
}

export function input(page, key) {
  return page.locator(`[data-input="${key}"]`);
}

/** Replaces a field's text in one go (a paste), firing input events. */
export async function setInput(page, key, value) {
  await input(page, key).fill(value);
}

/** Replaces a field's text the way a person types: select all, then key by key. */
export async function typeInput(page, key, value) {
  const el = input(page, key);
  await el.click();
  await el.press('ControlOrMeta+a');
  if (value === '') await el.press('Backspace');
  else await el.pressSequentially(value, { delay: 20 });
}

export async function expectInputs(page, values) {
  for (const [key, value] of Object.entries(values)) {
    const el = input(page, key);
    assert.equal(await el.count(), 1, `input ${key}: expected exactly one [data-input="${key}"]`);
    assert.equal(await el.inputValue(), value, `input ${key} value`);
  }
}

export async function sectionPresent(page, agent) {
  return (await page.locator(`section[data-agent="${agent}"]`).count()) > 0;
}

export async function expectAgents(page, { sales_order, payables }) {
  for (const [agent, want] of [
    ['sales_order', sales_order],
    ['payables', payables],
  ]) {
    const sel = `section[data-agent="${agent}"]`;
    await page
      .waitForSelector(sel, { state: want ? 'attached' : 'detached', timeout: WAIT_TIMEOUT })
      .catch(() => {});
    assert.equal(
      await sectionPresent(page, agent),
      want,
      `section[data-agent="${agent}"] should be ${want ? 'present' : 'absent'}`,
    );
  }
}

export async function getStorage(page, key = STORAGE_KEY) {
  return page.evaluate((k) => window.localStorage.getItem(k), key);
}

/** Waits (bounded) until localStorage[key] differs from `previous`; returns the new value. */
export async function waitStorageChange(page, previous, key = STORAGE_KEY) {
  await page
    .waitForFunction(([k, prev]) => window.localStorage.getItem(k) !== prev, [key, previous], {
      timeout: WAIT_TIMEOUT,
    })
    .catch(() => {});
  const now = await getStorage(page, key);
  assert.notEqual(now, previous, `localStorage["${key}"] was not updated after a valid edit`);
  return now;
}

/**
 * Asserts localStorage[key] holds `{"schema":3,"plan":{"workload":{...},"billing":{...}}}` (schema
 * 4 when the plan has ranges: pass `schema`); returns the parsed value.
 */
export function parseSaved(raw, schema = 3) {
  assert.ok(raw, `localStorage["${STORAGE_KEY}"] is empty`);
  let data;
  try {
    data = JSON.parse(raw);
  } catch {
    assert.fail(`localStorage["${STORAGE_KEY}"] is not JSON: ${clip(raw)}`);
  }
  assert.equal(data.schema, schema, `saved schema should be ${schema}: ${clip(raw)}`);
  assert.ok(data.plan && typeof data.plan === 'object', `saved plan should be an object: ${clip(raw)}`);
  assert.ok(data.plan.workload && typeof data.plan.workload === 'object', `saved workload should be an object: ${clip(raw)}`);
  assert.ok(data.plan.billing && typeof data.plan.billing === 'object', `saved billing should be an object: ${clip(raw)}`);
  return data;
}

export async function waitVisible(page, selector, what) {
  try {
    await page.waitForSelector(selector, { state: 'visible', timeout: WAIT_TIMEOUT });
  } catch {
    const found = await page.evaluate(
      (s) => [...document.querySelectorAll(s)].map((e) => e.outerHTML),
      selector,
    );
    assert.fail(
      `${what || selector} should be visible; ` +
        (found.length ? `found but not visible: ${clip(found.join(' '))}` : 'not in the DOM'),
    );
  }
}

export async function waitGone(page, selector, what) {
  try {
    await page.waitForSelector(selector, { state: 'hidden', timeout: WAIT_TIMEOUT });
  } catch {
    const found = await page.evaluate(
      (s) => [...document.querySelectorAll(s)].map((e) => e.outerHTML),
      selector,
    );
    assert.fail(`${what || selector} should be hidden or absent; found ${clip(found.join(' '))}`);
  }
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true, timeout: WAIT_TIMEOUT });
  return file;
}

/**
 * Serves the release build (under `prefix`) and launches Chromium for one test file:
 * `before(async () => ({ browser, url } = (app = await startApp())))`, `after(() => app?.close())`.
 */
export async function startApp({ prefix = '/' } = {}) {
  assertDistBuilt();
  const server = await serve(DIST, { prefix });
  const browser = await launchBrowser();
  return {
    browser,
    server,
    url: server.url,
    close: async () => {
      await browser?.close();
      await server?.close();
    },
  };
}

/**
 * One test file's set-up: serves the release build (under `prefix`) and launches Chromium before
 * the file's tests, closes both after them, and hands the browser and the page's URL to `use`:
 *
 *   let browser;
 *   let url;
 *   useApp((app) => ({ browser, url } = app));
 */
export function useApp(use, options = {}) {
  let app;
  before(async () => {
    app = await startApp(options);
    use(app);
  });
  after(() => app?.close());
}
