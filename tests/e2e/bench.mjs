// The browser half of scripts/bench (not a test file: scripts/e2e runs *.test.mjs only).
//
// Measures a release build in Debian's headless Chromium, served gzip -9 from 127.0.0.1 by
// server.mjs (its `gzip` option, as a compressing host would), against the budgets of the
// performance issue:
//
//   measure                                                              budget
//   first visit (/): the default total (6380) on screen, app / static    <= 1.3x
//   shared link (#v=1&…): its own total (17300) on screen, app / static  <= 2.5x
//   the same two under a mobile network profile                          <= 1.5x / <= 5x
//   gzip bytes fetched before <html data-app="ready">, full page /        <= 200 KiB (aim 150)
//   gzip bytes fetched before ready, /?embed=1&agent=payables             <= 120 KiB
//   input -> updated total, p95                                           < 16 ms (aim 2)
//
// "On screen": [data-metric="total.credits_per_month"] has the exact data-value expected for
// that page, recorded with performance.now() (ms since navigation start) by a MutationObserver
// that an init script installs before any page script. Each ratio is median(app) /
// median(static), over loads interleaved in one invocation, each in a fresh browser context with
// the cache disabled; the static page is HTML written here, holding the same <output> with the
// same total, the same stylesheet, served by the same server (under __bench/).
//
// "Ready": the served HTML has <html data-app="loading"> and the app sets data-app="ready" once
// it owns the page; the init script records when. A build whose HTML has no data-app attribute
// (older builds) has no readiness signal: "ready" is then the moment the total first shows its
// expected value, and the summary says so.
//
// "Bytes before ready": the encoded (as transferred, here gzip) body size of every response from
// the app's server whose responseEnd is at or before ready (Resource Timing: encodedBodySize and
// responseEnd, on the same clock as ready; the document included). Listed per file; the budget
// takes the largest total over the loads of that page.
//
// Mobile profile: Lighthouse's mobile numbers (1.6 Mbps down, 750 Kbps up, 150 ms round trip),
// applied with CDP Network.emulateNetworkConditions on each page's CDP session before it
// navigates; kbps are converted to bytes/s as Lighthouse does (x 1024 / 8). DevTools throttling
// adds the latency to each request and caps the throughput; it does not model TCP handshakes.
//
// Also reported, without budgets: the phases of a load (HTML received, the last .wasm fetched
// before ready received, the last wasm instantiated before ready, on screen, ready), the widget's
// time to its total, every file of the build raw / gzip -9 / brotli 11 (node's zlib), the input
// latency until all queued work ran, and the core's estimates per second measured by cargo
// (criterion natively, the wasm bench test in Chromium).
//
// Configured by the environment (scripts/bench sets it):
//   BENCH_DIST          the release build to measure (required)
//   BENCH_OUT           where the JSON goes (required)
//   BENCH_CRITERION     criterion's output folder (…/criterion), for the native figures
//   BENCH_WASM_EPS      estimates per second in Wasm, as printed by tests/bench_wasm.rs
//   BENCH_RUNS          loads per page for the desktop measures (default 15)
//   BENCH_MOBILE_RUNS   loads per page under the mobile profile (default 5)
//   BENCH_EDITS         timed edits for input (default 200)
//   BENCH_NO_FAIL=1     report budget overruns but exit 0
//   BENCH_MACHINE_*     facts about the machine node cannot see (rustc version)
// Exit status: 0 when every budget holds (or BENCH_NO_FAIL=1), 1 when one is exceeded, 2 when
// the measurement itself failed.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchBrowser } from './helpers.mjs';
import { serve } from './server.mjs';

const KiB = 1024;
const BUDGETS = {
  defaultRatio: 1.3, // app / static page, medians
  linkRatio: 2.5,
  defaultMobileRatio: 1.5,
  linkMobileRatio: 5,
  defaultBytes: 200 * KiB, // gzip bytes fetched before ready
  defaultBytesAim: 150 * KiB,
  embedBytes: 120 * KiB,
  inputP95Ms: 16, // one frame at 60 Hz
  inputAimMs: 2,
};
const TOTAL = '[data-metric="total.credits_per_month"]';
const DOCUMENTS = '[data-input="payables.documents"]';
const LINK =
  '#v=1&sales_order.requests=400&sales_order.attachment_rate=25&payables.documents=250&billing.packs=2';
/** The pages measured: where (relative to the app's root) and the exact total each must show. */
const PAGES = {
  // The defaults: Sales Order 1,180 + Payables 5,200.
  default: { label: 'first visit /', suffix: '', expected: '6380' },
  // Sales Order: [(2+5+2) + 0.25 x 1 x (5+2)] = 10.75 x 400 = 4,300; Payables: 52 x 250 = 13,000.
  link: { label: 'shared link #v=1&…', suffix: LINK, expected: '17300' },
  // The widget, Payables only: 52 x 100 = 5,200.
  embed: { label: 'widget ?embed=1&agent=payables', suffix: '?embed=1&agent=payables', expected: '5200' },
};
/** Lighthouse's mobile profile (throttling.mobileSlow4G), in CDP's units (bytes/s, ms). */
const MOBILE = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
  connectionType: 'cellular4g',
};
const START_TIMEOUT = 30_000;
const MOBILE_TIMEOUT = 90_000;
const CONTEXT = { locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 } };
const BASELINE_DIR = '__bench/'; // the static pages, in memory, under the app's root
const grouped = (x) => x.toLocaleString('en-US');

const env = process.env;
const DIST = path.resolve(need('BENCH_DIST'));
const OUT = path.resolve(need('BENCH_OUT'));
const RUNS = posInt(env.BENCH_RUNS, 15);
const MOBILE_RUNS = posInt(env.BENCH_MOBILE_RUNS, 5);
const EDITS = posInt(env.BENCH_EDITS, 200);
const WARMUP_EDITS = 10;

function need(name) {
  if (!env[name]) {
    console.error(`bench: ${name} is not set (run scripts/bench)`);
    process.exit(2);
  }
  return env[name];
}

function posInt(s, dflt) {
  const n = Number.parseInt(s ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : dflt;
}

/** Nearest-rank percentile of `xs` (p in 0..100). */
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1];
}

function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function stats(xs) {
  return {
    median: median(xs),
    p95: percentile(xs, 95),
    min: Math.min(...xs),
    max: Math.max(...xs),
    samples: xs.map((x) => Math.round(x * 1000) / 1000),
  };
}

const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
const kib = (b) => `${(b / KiB).toFixed(1)} KiB`;
const ms = (x, d = 1) => (Number.isFinite(x) ? `${x.toFixed(d)} ms` : '-');

// ---------------------------------------------------------------------------------------------
// the build's files

function kindOf(file) {
  const ext = path.extname(file).toLowerCase();
  return { '.html': 'html', '.js': 'js', '.mjs': 'js', '.wasm': 'wasm', '.css': 'css' }[ext] || 'other';
}

function compress(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** Every file of the build (paths relative to it, with '/'), raw, gzip -9 and brotli 11. */
function buildFiles() {
  return readdirSync(DIST, { recursive: true })
    .map(String)
    .filter((f) => !f.split(path.sep).some((part) => part.startsWith('.')))
    .filter((f) => statSync(path.join(DIST, f)).isFile())
    .sort()
    .map((f) => ({
      file: f.split(path.sep).join('/'),
      kind: kindOf(f),
      ...compress(readFileSync(path.join(DIST, f))),
    }));
}

// ---------------------------------------------------------------------------------------------
// one page load

/**
 * Init script, before any page script: records performance.now() (ms since navigation start)
 * when the total first has the expected data-value and when <html data-app> becomes "ready",
 * and each wasm instantiation.
 */
function recordStartup([selector, expected]) {
  const b = (window.__bench = {
    expectedAt: undefined,
    readyAt: undefined,
    dataApp: [], // [ms, value] each time <html data-app> changed
    values: [], // [ms, value] each time the total's data-value changed, until it was expected
    instantiated: [],
  });
  let lastApp = null;
  let lastValue = null;
  const check = () => {
    const t = performance.now();
    const root = document.documentElement;
    const app = root ? root.getAttribute('data-app') : null;
    if (app !== lastApp) {
      lastApp = app;
      b.dataApp.push([t, app]);
      if (app === 'ready' && b.readyAt === undefined) b.readyAt = t;
    }
    if (b.expectedAt === undefined) {
      const el = document.querySelector(selector);
      const v = el ? el.getAttribute('data-value') : null;
      if (v !== lastValue) {
        lastValue = v;
        b.values.push([t, v]);
      }
      if (v === expected) b.expectedAt = t;
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-value', 'data-app'],
  });
  check();
  // Belt and braces: the observer sees every insertion, the load event catches nothing it missed.
  addEventListener('DOMContentLoaded', check);
  addEventListener('load', check);
  // When a module is compiled and instantiated (before the app's main runs).
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        b.instantiated.push(performance.now());
        return result;
      });
    };
  }
}

/**
 * Loads `url` in a fresh context (cache disabled, `network` conditions if given) until the total
 * shows `expected` and, when `readiness`, until <html data-app="ready">. Returns the times (ms
 * since navigation start) and every resource the page received.
 */
async function loadOnce(browser, { url, expected, readiness, network = null }) {
  const timeout = network ? MOBILE_TIMEOUT : START_TIMEOUT;
  const context = await browser.newContext(CONTEXT);
  try {
    await context.addInitScript(recordStartup, [TOTAL, expected]);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400 && !/\/favicon\.ico$/.test(res.url())) {
        problems.push(`HTTP ${res.status()} for ${res.url()}`);
      }
    });
    // A fresh context starts with an empty cache; disabling it also rules out the wasm code cache.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) await cdp.send('Network.emulateNetworkConditions', network);
    await page.goto(url, { waitUntil: 'commit', timeout });
    try {
      await page.waitForFunction(
        (readiness) =>
          window.__bench?.expectedAt !== undefined && (!readiness || window.__bench.readyAt !== undefined),
        readiness,
        { timeout, polling: 50 },
      );
    } catch (err) {
      const seen = await page.evaluate(() => window.__bench).catch(() => null);
      const value = seen?.values?.length ? seen.values[seen.values.length - 1][1] : null;
      const app = seen?.dataApp?.length ? seen.dataApp[seen.dataApp.length - 1][1] : null;
      throw new Error(
        `${url}: within ${timeout} ms the total ${TOTAL} ` +
          (seen?.expectedAt !== undefined ? `reached ${expected}` : `did not reach ${expected}`) +
          ` (last data-value seen: ${JSON.stringify(value)}), and <html data-app> is ` +
          `${JSON.stringify(app)}${readiness ? ' (waiting for "ready")' : ''}` +
          (problems.length ? `; ${problems.join('; ')}` : '') +
          ` [${err.message.split('\n')[0]}]`,
      );
    }
    const r = await page.evaluate(() => {
      const pick = (e) => ({
        url: e.name,
        type: e.initiatorType,
        start: e.startTime,
        end: e.responseEnd,
        encoded: e.encodedBodySize,
        decoded: e.decodedBodySize,
      });
      const nav = performance.getEntriesByType('navigation')[0];
      // The app marks the moment it sets data-app="ready" (src/takeover.rs); the observer above
      // only sees the attribute at the next microtask checkpoint.
      const mark = performance.getEntriesByName('agent-credits:ready', 'mark')[0];
      return {
        bench: window.__bench,
        readyMark: mark ? mark.startTime : undefined,
        resources: [...(nav ? [pick(nav)] : []), ...performance.getEntriesByType('resource').map(pick)],
      };
    });
    assert.deepEqual(problems, [], `errors while loading ${url}`);
    const onScreen = r.bench.expectedAt;
    const ready = readiness ? (r.readyMark ?? r.bench.readyAt) : onScreen;
    const before = r.resources.filter((e) => e.end <= ready);
    const wasm = before.filter((e) => new URL(e.url).pathname.endsWith('.wasm'));
    const instantiated = r.bench.instantiated.filter((t) => t <= ready);
    const nav = r.resources[0];
    return {
      on_screen_ms: onScreen,
      ready_ms: ready,
      html_ms: nav ? nav.end : NaN,
      wasm_ms: wasm.length ? Math.max(...wasm.map((e) => e.end)) : NaN,
      instantiated_ms: instantiated.length ? Math.max(...instantiated) : NaN,
      data_app: r.bench.dataApp,
      resources: r.resources,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

/** The file of the build a URL names (relative to the app's root), or null for another server. */
function appFile(url, appUrl) {
  const root = new URL(appUrl);
  const u = new URL(url);
  if (u.origin !== root.origin || !u.pathname.startsWith(root.pathname)) return null;
  return decodeURIComponent(u.pathname.slice(root.pathname.length)) || 'index.html';
}

const appFiles = (resources, appUrl) => resources.map((e) => appFile(e.url, appUrl)).filter((f) => f !== null);

/** The files a load received from the app's server by ready, with their encoded sizes. */
function bytesBeforeReady(load, appUrl) {
  const files = [];
  for (const e of load.resources) {
    const file = appFile(e.url, appUrl);
    if (file === null || !(e.end <= load.ready_ms)) continue;
    files.push({ file, gzip: e.encoded, raw: e.decoded, end_ms: round(e.end, 1) });
  }
  return { total: files.reduce((s, f) => s + f.gzip, 0), files };
}

// ---------------------------------------------------------------------------------------------
// the static baselines

/** A static page with the app's stylesheets, where the parser shows `total`. */
function baselinePage(total, cssFiles) {
  const links = cssFiles.map((f) => `    <link rel="stylesheet" href="../${f}" />`).join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Copilot Credits estimator (static baseline)</title>
${links}
  </head>
  <body>
    <main>
      <h1>Copilot Credits estimator</h1>
      <p>Total: <output data-metric="total.credits_per_month" data-value="${total}">${grouped(Number(total))}</output>
        Copilot Credits per month</p>
    </main>
  </body>
</html>
`;
}

/**
 * The floor for a figure computed in Wasm: the static page, its total set by a head script from
 * a fetched 35-byte module (`f()` returns 0). Measured beside the shared link, reported, never
 * budgeted: on a small machine the fetch alone (its response reaching the script, then the
 * compile) takes most of what separates a link from the static page (BENCHMARKS.md).
 */
function floorPage(total, cssFiles) {
  const script = `<script>
      WebAssembly.instantiateStreaming(fetch('floor.wasm')).then(function (r) {
        var show = function () {
          var o = document.querySelector('output');
          if (!o) return false;
          var v = ${Number(total)} + r.instance.exports.f();
          o.setAttribute('data-value', String(v));
          o.textContent = v.toLocaleString('en-US');
          return true;
        };
        if (!show()) document.addEventListener('DOMContentLoaded', show);
      });
    </script>
    `;
  return baselinePage(total, cssFiles)
    .replace(/data-value="[^"]*">[^<]*</, 'data-value="0">…<')
    .replace('<link rel="stylesheet"', `${script}<link rel="stylesheet"`);
}

/** A module exporting `f: () -> i32` returning 0: type, function, export and code sections. */
const FLOOR_WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02,
  0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x00, 0x0b,
]);

// ---------------------------------------------------------------------------------------------
// startup: on screen, ready, bytes

/**
 * Interleaved loads: each round loads every variant once (app and static of each measure),
 * the order of each app/static pair alternating between rounds so drift hits both alike.
 */
async function measureStartup(browser, { appUrl, readiness, runs, network, measures, extra = [], floors = [] }) {
  const variants = [];
  for (const m of measures) {
    variants.push({ measure: m.key, kind: 'app', url: appUrl + PAGES[m.key].suffix, readiness });
    variants.push({ measure: m.key, kind: 'static', url: m.staticUrl, readiness: false });
  }
  for (const f of floors) variants.push({ measure: f.key, kind: 'floor', url: f.url, readiness: false });
  for (const key of extra) {
    variants.push({ measure: key, kind: 'app', url: appUrl + PAGES[key].suffix, readiness });
  }
  const loads = new Map(variants.map((v) => [`${v.measure}/${v.kind}`, []]));
  const loadVariant = (v) =>
    loadOnce(browser, { url: v.url, expected: PAGES[v.measure].expected, readiness: v.readiness, network });
  // One untimed load of each variant warms the browser process and the server, not the page.
  for (const v of variants) await loadVariant(v);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < variants.length; j += 1) {
      // Swap app and static of a pair on odd rounds.
      const pairStart = variants[j].kind === 'app' && variants[j + 1]?.kind === 'static';
      const pairEnd = variants[j].kind === 'static';
      let v = variants[j];
      if (i % 2 === 1 && pairStart) v = variants[j + 1];
      else if (i % 2 === 1 && pairEnd) v = variants[j - 1];
      loads.get(`${v.measure}/${v.kind}`).push(await loadVariant(v));
    }
  }
  if (network) {
    // Throttling must have applied: no response can arrive before one round trip.
    const html = median(loads.get(`${measures[0].key}/static`).map((l) => l.html_ms));
    if (!(html >= network.latency)) {
      throw new Error(`network emulation had no effect: the static page's HTML arrived at ${html} ms`);
    }
  }
  return loads;
}

function summarise(loads, key, appUrl, budget) {
  const app = loads.get(`${key}/app`);
  const stat = loads.get(`${key}/static`);
  const a = stats(app.map((l) => l.on_screen_ms));
  const s = stat ? stats(stat.map((l) => l.on_screen_ms)) : null;
  const ratio = s ? a.median / s.median : NaN;
  const floor = loads.get(`${key}/floor`);
  const f = floor ? stats(floor.map((l) => l.on_screen_ms)) : null;
  return {
    url_suffix: PAGES[key].suffix || '/',
    expected_total: PAGES[key].expected,
    runs: app.length,
    app_on_screen_ms: a,
    static_on_screen_ms: s,
    app_ready_ms: stats(app.map((l) => l.ready_ms)),
    ratio,
    budget_ratio: budget ?? null,
    ok: budget === undefined ? null : ratio <= budget,
    // The static page with one fetched Wasm module (`floorPage`), when measured beside this one.
    floor_on_screen_ms: f,
    floor_ratio: f && s ? f.median / s.median : null,
    phases_median_ms: {
      html_received: median(app.map((l) => l.html_ms)),
      last_wasm_received: median(app.map((l) => l.wasm_ms)),
      last_wasm_instantiated: median(app.map((l) => l.instantiated_ms)),
      on_screen: a.median,
      ready: median(app.map((l) => l.ready_ms)),
    },
    bytes_before_ready: app.map((l) => bytesBeforeReady(l, appUrl)),
    fetched: new Set(app.flatMap((l) => appFiles(l.resources, appUrl))),
  };
}

/** Over the loads of one page: the largest total, its files, and whether the loads agreed. */
function bytesOf(perLoad, budget, aim) {
  const totals = perLoad.map((b) => b.total);
  const worst = perLoad[totals.indexOf(Math.max(...totals))];
  const slim = (b) => b.files.map(({ file, gzip, raw }) => ({ file, gzip, raw }));
  const sets = new Map();
  for (const b of perLoad) {
    const k = b.files
      .map((f) => `${f.file}:${f.gzip}`)
      .sort()
      .join(' ');
    if (!sets.has(k)) sets.set(k, { loads: 0, total_gzip_bytes: b.total, files: slim(b) });
    sets.get(k).loads += 1;
  }
  return {
    loads: perLoad.length,
    total_gzip_bytes: worst.total,
    min_total_gzip_bytes: Math.min(...totals),
    per_load_total_gzip_bytes: totals,
    files: slim(worst),
    identical_loads: sets.size === 1,
    // Each different list of files (and sizes) received before ready, with how many loads had it.
    file_sets: [...sets.values()].sort((a, b) => b.total_gzip_bytes - a.total_gzip_bytes),
    budget_bytes: budget ?? null,
    aim_bytes: aim ?? null,
    ok: budget === undefined ? null : worst.total <= budget,
    aim_met: aim === undefined ? null : worst.total <= aim,
  };
}

// ---------------------------------------------------------------------------------------------
// input

/**
 * In the page: `edits` edits alternating e-documents between 200 and 100, each timed from just
 * before the input event to the moment the total's data-value changes (`changed`, the budgeted
 * figure), and to the moment all work the edit queued has run (`settled`: microtasks drained, a
 * message-channel task later; includes the remaining figures and the save).
 */
async function editLoop([edits, warmup, totalSel, inputSel]) {
  const input = document.querySelector(inputSel);
  const total = () => document.querySelector(totalSel)?.getAttribute('data-value');
  const channel = new MessageChannel();
  const nextTask = () =>
    new Promise((resolve) => {
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    });
  const changed = [];
  const settled = [];
  const values = [];
  for (let i = 0; i < warmup + edits; i++) {
    const before = total();
    const value = i % 2 === 0 ? '200' : '100';
    let done;
    const seen = new Promise((resolve) => (done = resolve));
    const observer = new MutationObserver(() => {
      if (total() !== before) done(performance.now());
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const timeout = setTimeout(() => done(NaN), 2000);
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const t1 = total() !== before ? performance.now() : await seen;
    const t2 = await nextTask();
    observer.disconnect();
    clearTimeout(timeout);
    if (Number.isNaN(t1)) throw new Error(`edit ${i} (e-documents ${value}): the total stayed ${before}`);
    values.push(total());
    if (i >= warmup) {
      changed.push(t1 - t0);
      settled.push(t2 - t0);
    }
  }
  return { changed, settled, last: values.slice(-2) };
}

async function measureInput(browser, appUrl, readiness) {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(appUrl, { waitUntil: 'load', timeout: START_TIMEOUT });
    // The app must own the page before an edit means anything (the HTML may show the total first).
    if (readiness) await page.waitForSelector('html[data-app="ready"]', { state: 'attached', timeout: START_TIMEOUT });
    await page.waitForSelector(`${TOTAL}[data-value="6380"]`, { state: 'attached', timeout: START_TIMEOUT });
    await page.waitForSelector(DOCUMENTS, { state: 'attached', timeout: START_TIMEOUT });
    const r = await page.evaluate(editLoop, [EDITS, WARMUP_EDITS, TOTAL, DOCUMENTS]);
    assert.deepEqual(errors, [], 'page errors during the edits');
    // 200 e-documents: 1,180 + 10,400; 100: the default 6,380.
    assert.deepEqual(r.last, ['11580', '6380'], 'the total after the last two edits');
    const c = stats(r.changed);
    const s = stats(r.settled);
    const resources = await page.evaluate(() =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
        url: e.name,
      })),
    );
    return {
      fetched: appFiles(resources, appUrl),
      edits: EDITS,
      warmup_edits: WARMUP_EDITS,
      changed_ms: c,
      settled_ms: s,
      budget_ms: BUDGETS.inputP95Ms,
      aim_ms: BUDGETS.inputAimMs,
      ok: c.p95 < BUDGETS.inputP95Ms,
      aim_met: c.p95 < BUDGETS.inputAimMs,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// core (measured by cargo; read here)

function readCriterion(dir) {
  if (!dir) return null;
  const out = {};
  for (const name of ['full_estimate', 'rating', 'capacity_report']) {
    const file = path.join(dir, 'core', name, 'new', 'estimates.json');
    if (!existsSync(file)) return null;
    const e = JSON.parse(readFileSync(file, 'utf8'));
    const ns = e.median.point_estimate;
    out[name] = { median_ns: round(ns, 1), per_second: Math.round(1e9 / ns) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) => r.map((c, i) => pad(c, widths[i], i > 0)).join('  ').trimEnd())
    .join('\n');
}

/** Whether the served HTML carries the readiness attribute: <html … data-app="…">. */
function readinessOf(html) {
  const tag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '';
  const m = /\sdata-app\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

async function main() {
  const started = Date.now();
  assert.ok(existsSync(path.join(DIST, 'index.html')), `${DIST}/index.html is missing: build first`);
  const machine = {
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    cpu: os.cpus()[0]?.model?.trim() || 'unknown',
    memory_gib: round(os.totalmem() / 1024 ** 3, 1),
    load_average: os.loadavg().map((x) => round(x, 2)),
    node: process.version,
    rustc: env.BENCH_MACHINE_RUSTC || 'unknown',
    chromium: 'unknown',
  };

  const files = buildFiles();
  const css = files.filter((f) => !f.file.includes('/') && f.kind === 'css').map((f) => f.file);
  const baselines = {
    default: `${BASELINE_DIR}static-${PAGES.default.expected}.html`,
    link: `${BASELINE_DIR}static-${PAGES.link.expected}.html`,
  };
  const floor = `${BASELINE_DIR}floor-${PAGES.link.expected}.html`;
  const app = await serve(DIST, {
    prefix: '/',
    gzip: true,
    files: {
      ...Object.fromEntries(Object.entries(baselines).map(([k, f]) => [f, baselinePage(PAGES[k].expected, css)])),
      [floor]: floorPage(PAGES.link.expected, css),
      [`${BASELINE_DIR}floor.wasm`]: FLOOR_WASM,
    },
  });
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const servedDataApp = readinessOf(html);
  const readiness = servedDataApp !== null;
  const readinessNote = readiness
    ? `the served HTML has <html data-app="${servedDataApp}">; "ready" is when the app sets data-app="ready"`
    : 'this build has no readiness attribute (no data-app on <html>): "ready" is taken as the moment ' +
      'the total first shows its expected value';
  const measures = [
    { key: 'default', staticUrl: app.url + baselines.default },
    { key: 'link', staticUrl: app.url + baselines.link + LINK },
  ];

  const browser = await launchBrowser();
  let desktop;
  let mobile;
  let input;
  try {
    machine.chromium = browser.version();
    console.error(`bench: ${readinessNote}`);
    console.error(
      `bench: on screen, ${RUNS} loads each of the first visit, the shared link, their static pages, the link's floor ` +
        `and the widget (+1 untimed each)`,
    );
    const desktopLoads = await measureStartup(browser, {
      appUrl: app.url,
      readiness,
      runs: RUNS,
      network: null,
      measures,
      extra: ['embed'],
      floors: [{ key: 'link', url: app.url + floor + LINK }],
    });
    console.error(`bench: the same under the mobile network profile, ${MOBILE_RUNS} loads each (+1 untimed each)`);
    const mobileLoads = await measureStartup(browser, {
      appUrl: app.url,
      readiness,
      runs: MOBILE_RUNS,
      network: MOBILE,
      measures,
    });
    desktop = {
      default: summarise(desktopLoads, 'default', app.url, BUDGETS.defaultRatio),
      link: summarise(desktopLoads, 'link', app.url, BUDGETS.linkRatio),
      embed: summarise(desktopLoads, 'embed', app.url),
    };
    mobile = {
      default: summarise(mobileLoads, 'default', app.url, BUDGETS.defaultMobileRatio),
      link: summarise(mobileLoads, 'link', app.url, BUDGETS.linkMobileRatio),
    };
    console.error(`bench: input, ${EDITS} edits (+${WARMUP_EDITS} untimed)`);
    input = await measureInput(browser, app.url, readiness);
  } finally {
    await browser.close().catch(() => {});
    await app.close();
  }

  // Bytes before ready, over every load of a page (desktop and mobile).
  const bytes = {
    default: bytesOf(
      [...desktop.default.bytes_before_ready, ...mobile.default.bytes_before_ready],
      BUDGETS.defaultBytes,
      BUDGETS.defaultBytesAim,
    ),
    embed: bytesOf(desktop.embed.bytes_before_ready, BUDGETS.embedBytes),
    link: bytesOf([...desktop.link.bytes_before_ready, ...mobile.link.bytes_before_ready]),
  };
  const fetchedDefault = new Set([...desktop.default.fetched, ...mobile.default.fetched]);
  for (const m of [desktop.default, desktop.link, desktop.embed, mobile.default, mobile.link]) {
    delete m.bytes_before_ready;
    delete m.fetched;
  }
  // What the browser received must be the server's gzip -9 of the build's file: a cross-check of
  // the byte counts (an uncompressed or partial response would differ).
  const byFile = new Map(files.map((f) => [f.file, f]));
  const mismatches = [];
  for (const [page, b] of Object.entries(bytes)) {
    for (const f of b.files) {
      const built = byFile.get(f.file);
      if (!built) mismatches.push(`${page}: ${f.file} is not a file of the build`);
      else if (built.gzip !== f.gzip || built.raw !== f.raw) {
        mismatches.push(
          `${page}: ${f.file} arrived as ${f.gzip} B encoded / ${f.raw} B decoded, the build's gzip -9 ` +
            `is ${built.gzip} B of ${built.raw} B`,
        );
      }
    }
  }
  if (bytes.default.files.length && bytes.default.files.every((f) => f.gzip === f.raw)) {
    throw new Error('nothing arrived compressed: the server did not gzip (server.mjs, option gzip)');
  }

  // For the build's table: what the first visit fetched before ready, and at any time (every
  // load of /, and the page the edits ran in, looked at after its last edit).
  const beforeReady = {
    default: new Set(bytes.default.files.map((f) => f.file)),
    embed: new Set(bytes.embed.files.map((f) => f.file)),
  };
  const fetchedAny = new Set([...fetchedDefault, ...input.fetched]);
  delete input.fetched;
  const size = {
    files: files.map((f) => ({
      ...f,
      before_ready_default: beforeReady.default.has(f.file),
      before_ready_embed: beforeReady.embed.has(f.file),
      fetched_default: fetchedAny.has(f.file),
    })),
  };
  const sum = (rows) => {
    const t = { raw: 0, gzip: 0, brotli: 0 };
    for (const r of rows) for (const k of Object.keys(t)) t[k] += r[k];
    return t;
  };
  size.fetched_default_total = sum(size.files.filter((f) => f.fetched_default));
  size.before_ready_default_total = sum(size.files.filter((f) => f.before_ready_default));
  size.build_total = sum(size.files);

  const native = readCriterion(env.BENCH_CRITERION);
  const wasmEps = Number.parseFloat(env.BENCH_WASM_EPS ?? '');
  const core = {
    native,
    wasm: Number.isFinite(wasmEps) ? { full_estimate_per_second: Math.round(wasmEps) } : null,
  };

  const ratioRow = (name, m) => ({
    name,
    value: `${m.ratio.toFixed(2)}x`,
    detail: `${m.app_on_screen_ms.median.toFixed(1)} / ${m.static_on_screen_ms.median.toFixed(1)} ms`,
    budget: `<= ${m.budget_ratio}x`,
    ok: m.ok,
  });
  const budgets = [
    ratioRow('first visit /, on screen, app / static', desktop.default),
    ratioRow('shared link, on screen, app / static', desktop.link),
    ratioRow('first visit /, mobile network', mobile.default),
    ratioRow('shared link, mobile network', mobile.link),
    {
      name: 'gzip bytes before ready, /',
      value: kib(bytes.default.total_gzip_bytes),
      detail: `${grouped(bytes.default.total_gzip_bytes)} B`,
      budget: `<= ${kib(BUDGETS.defaultBytes)} (aim ${kib(BUDGETS.defaultBytesAim)})`,
      ok: bytes.default.ok,
    },
    {
      name: 'gzip bytes before ready, widget',
      value: kib(bytes.embed.total_gzip_bytes),
      detail: `${grouped(bytes.embed.total_gzip_bytes)} B`,
      budget: `<= ${kib(BUDGETS.embedBytes)}`,
      ok: bytes.embed.ok,
    },
    {
      name: 'input -> total, p95',
      value: `${input.changed_ms.p95.toFixed(2)} ms`,
      detail: `median ${input.changed_ms.median.toFixed(2)} ms`,
      budget: `< ${BUDGETS.inputP95Ms} ms (aim < ${BUDGETS.inputAimMs} ms)`,
      ok: input.ok,
    },
  ];
  const ok = budgets.every((b) => b.ok);
  const elapsed = (Date.now() - started) / 1000;
  const results = {
    date: new Date().toISOString(),
    command: 'scripts/bench',
    dist: DIST,
    machine,
    readiness: { attribute: readiness, served_value: servedDataApp, note: readinessNote },
    network_profiles: { desktop: 'none (loopback)', mobile: MOBILE },
    on_screen: { desktop, mobile },
    bytes_before_ready: bytes,
    byte_check_mismatches: mismatches,
    size,
    input,
    core,
    budgets,
    ok,
    elapsed_s: round(elapsed, 1),
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');

  // -- the summary --
  const line = (s = '') => console.log(s);
  line();
  line('== the build: every file, raw / gzip -9 / brotli 11 ==');
  const sizeRows = [['file', 'raw', 'gzip -9', 'brotli 11', 'fetched by /']];
  for (const r of size.files) {
    const when = r.before_ready_default ? 'before ready' : r.fetched_default ? 'after ready' : 'no';
    sizeRows.push([r.file, grouped(r.raw), grouped(r.gzip), grouped(r.brotli), when]);
  }
  for (const [label, t] of [
    ['fetched by / (any time)', size.fetched_default_total],
    ['the whole build', size.build_total],
  ]) {
    sizeRows.push([label, grouped(t.raw), grouped(t.gzip), grouped(t.brotli), '']);
    sizeRows.push(['', kib(t.raw), kib(t.gzip), kib(t.brotli), '']);
  }
  line(table(sizeRows));
  line();
  line(`readiness: ${readinessNote}`);
  line();
  line(
    `== on screen: navigation -> the total's exact value (medians; ${RUNS} desktop / ${MOBILE_RUNS} ` +
      'mobile loads each, interleaved, fresh context, cache off, served gzip) ==',
  );
  const onRows = [['page', 'network', 'total', 'app median', 'app p95', 'static median', 'ratio', 'budget']];
  const onRow = (m, key, net) => [
    PAGES[key].label,
    net,
    m.expected_total,
    ms(m.app_on_screen_ms.median),
    ms(m.app_on_screen_ms.p95),
    m.static_on_screen_ms ? ms(m.static_on_screen_ms.median) : '-',
    Number.isFinite(m.ratio) ? `${m.ratio.toFixed(2)}x` : '-',
    m.budget_ratio ? `<= ${m.budget_ratio}x` : '-',
  ];
  onRows.push(onRow(desktop.default, 'default', 'loopback'));
  onRows.push(onRow(desktop.link, 'link', 'loopback'));
  if (desktop.link.floor_on_screen_ms) {
    onRows.push([
      'floor: static + 1 fetched Wasm',
      'loopback',
      PAGES.link.expected,
      ms(desktop.link.floor_on_screen_ms.median),
      ms(desktop.link.floor_on_screen_ms.p95),
      ms(desktop.link.static_on_screen_ms.median),
      `${desktop.link.floor_ratio.toFixed(2)}x`,
      'reported',
    ]);
  }
  onRows.push(onRow(desktop.embed, 'embed', 'loopback'));
  onRows.push(onRow(mobile.default, 'default', 'mobile'));
  onRows.push(onRow(mobile.link, 'link', 'mobile'));
  line(table(onRows));
  line(
    `mobile: ${MOBILE.latency} ms latency, ${grouped(Math.round(MOBILE.downloadThroughput))} B/s down, ` +
      `${grouped(Math.round(MOBILE.uploadThroughput))} B/s up (Lighthouse: 1.6 Mbps / 750 Kbps / 150 ms)`,
  );
  line();
  line('== phases of the app loads (medians, ms since navigation) ==');
  const phRows = [
    ['page', 'network', 'HTML received', 'last wasm received', 'wasm instantiated', 'on screen', 'ready'],
  ];
  for (const [m, key, net] of [
    [desktop.default, 'default', 'loopback'],
    [desktop.link, 'link', 'loopback'],
    [desktop.embed, 'embed', 'loopback'],
    [mobile.default, 'default', 'mobile'],
    [mobile.link, 'link', 'mobile'],
  ]) {
    const p = m.phases_median_ms;
    phRows.push([
      PAGES[key].label,
      net,
      ms(p.html_received),
      ms(p.last_wasm_received),
      ms(p.last_wasm_instantiated),
      ms(p.on_screen),
      ms(p.ready),
    ]);
  }
  line(table(phRows));
  line(
    '("last wasm": the last .wasm that finished before ready; ' +
      '"ready" equals "on screen" without a readiness attribute)',
  );
  line();
  line('== bytes fetched before ready (encoded as transferred: gzip -9) ==');
  for (const [key, b] of [
    ['default', bytes.default],
    ['embed', bytes.embed],
    ['link', bytes.link],
  ]) {
    const rows = [['file', 'gzip', 'raw']];
    for (const f of b.files) rows.push([f.file, grouped(f.gzip), grouped(f.raw)]);
    rows.push(['total', grouped(b.total_gzip_bytes), grouped(b.files.reduce((s, f) => s + f.raw, 0))]);
    rows.push(['', kib(b.total_gzip_bytes), '']);
    const agree = b.identical_loads
      ? `the same in all ${b.loads} loads`
      : `${b.file_sets.length} different lists over ${b.loads} loads, ${grouped(b.min_total_gzip_bytes)}` +
        `–${grouped(b.total_gzip_bytes)} B; the largest shown`;
    const aim = b.aim_bytes ? `, aim ${kib(b.aim_bytes)}` : '';
    const limit = b.budget_bytes ? `; budget <= ${kib(b.budget_bytes)}${aim}` : '; no budget';
    line(`${PAGES[key].label} (${agree}${limit})`);
    line(table(rows));
    for (const set of b.file_sets.slice(1)) {
      line(
        `  also, in ${set.loads} of ${b.loads} loads: ${grouped(set.total_gzip_bytes)} B ` +
          `(${set.files.map((f) => `${f.file} ${grouped(f.gzip)}`).join(', ')})`,
      );
    }
    line();
  }
  if (mismatches.length) {
    line(`warning: bytes received differ from the build's gzip -9: ${mismatches.join('; ')}`);
    line();
  }
  line(`== input: event -> updated figures (${EDITS} edits of payables.documents) ==`);
  line(
    table([
      ['until', 'median', 'p95', 'max'],
      ['total data-value changed', ...['median', 'p95', 'max'].map((k) => `${input.changed_ms[k].toFixed(2)} ms`)],
      ['all queued work done', ...['median', 'p95', 'max'].map((k) => `${input.settled_ms[k].toFixed(2)} ms`)],
    ]),
  );
  line();
  line('== core: full estimates per second (rating + billing report) ==');
  const coreRows = [['where', 'per estimate', 'estimates/s']];
  if (native) {
    for (const [name, v] of Object.entries(native)) {
      coreRows.push([`native ${name}`, `${(v.median_ns / 1000).toFixed(2)} µs`, grouped(v.per_second)]);
    }
  } else {
    coreRows.push(['native', 'not measured', '-']);
  }
  if (core.wasm) {
    const eps = core.wasm.full_estimate_per_second;
    coreRows.push(['wasm full_estimate (Chromium)', `${(1e6 / eps).toFixed(2)} µs`, grouped(eps)]);
  } else {
    coreRows.push(['wasm', 'not measured', '-']);
  }
  line(table(coreRows));
  line();
  line('== budgets ==');
  const budgetRows = budgets.map((b) => [b.name, b.value, b.detail, b.budget, b.ok ? 'ok' : 'EXCEEDED']);
  line(table([['budget', 'measured', '', 'limit', ''], ...budgetRows]));
  if (!readiness) line('(this build has no readiness attribute: "ready" = the total on screen)');
  line();
  line(
    `machine: ${machine.cpu}, ${machine.nproc} cores, ${machine.memory_gib} GiB, ` +
      `Chromium ${machine.chromium}, ${machine.rustc}, node ${machine.node}; ` +
      `load average at start ${machine.load_average.join(' ')}; browser half ${elapsed.toFixed(0)} s`,
  );
  line(`results: ${OUT}`);
  if (!ok) {
    const over = budgets.filter((b) => !b.ok).map((b) => `${b.name} is ${b.value}, limit ${b.budget}`);
    if (env.BENCH_NO_FAIL === '1') {
      line(`bench: budget exceeded (ignored, BENCH_NO_FAIL=1): ${over.join('; ')}`);
    } else {
      console.error(`bench: FAILED, budget exceeded: ${over.join('; ')} (BENCH_NO_FAIL=1 to report only)`);
      process.exitCode = 1;
    }
  } else {
    line('bench: every budget holds');
  }
}

main().catch((err) => {
  console.error(`bench: measurement failed: ${err && err.stack ? err.stack : err}`);
  process.exitCode = 2;
});
