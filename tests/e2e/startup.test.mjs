// Start-up: the prerendered first paint, the readiness contract (html[data-app]), and the
// takeover by the app (src/boot.rs, src/takeover.rs, scripts/prerender.mjs).
//
// The served index.html holds the page as the app draws it for the default estimate. These tests
// hold back the Wasm (page.route) to look at the page before the app owns it: the default
// estimate must be readable with no Wasm at all, a visitor whose estimate is another (a link, a
// saved estimate, another number format, the widget) must see a loading state instead of the
// default figures, and what is typed before the app is ready must survive the takeover.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_TOTAL,
  DEFAULT_INPUTS,
  DEFAULT_METRICS,
  DIST,
  READY_TIMEOUT,
  STORAGE_KEY,
  TEST_TIMEOUT,
  expectInputs,
  expectMetric,
  expectMetrics,
  input,
  metricValues,
  openApp,
  seedStorage,
  useApp,
  withPage,
} from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };
const TOTAL = '[data-metric="total.credits_per_month"]';

/** Holds every .wasm request (or those `pattern` matches) until `release()`; `count()` says how many are waiting. */
async function holdWasm(page, pattern = '**/*.wasm') {
  const held = [];
  let open = false;
  await page.route(pattern, (route) => (open ? route.continue() : held.push(route)));
  return {
    count: () => held.length,
    release: async () => {
      open = true;
      for (const r of held.splice(0)) await r.continue();
    },
  };
}

/** Opens `url` without waiting for the app; resolves once the HTML is parsed. */
async function openRaw(page, target) {
  await page.goto(target, { waitUntil: 'domcontentloaded', timeout: READY_TIMEOUT });
}

async function appState(page) {
  return page.evaluate(() => ({
    app: document.documentElement.getAttribute('data-app'),
    plan: document.documentElement.getAttribute('data-plan'),
    complete: document.documentElement.hasAttribute('data-complete'),
  }));
}

async function waitReady(page) {
  await page.waitForSelector('html[data-app="ready"][data-complete]', {
    state: 'attached',
    timeout: READY_TIMEOUT,
  });
}

describe('the first paint', () => {
  test('the served HTML says it is loading and holds the default estimate, exactly', opts, () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    // Release builds are minified: attributes in any order, quotes optional.
    const tag = /<html\b([^>]*)>/.exec(html)?.[1] ?? '';
    assert.match(tag, /\bdata-app="?loading"?(\s|$)/, `<html${tag}>`);
    assert.match(tag, /\bdata-plan="?unknown"?(\s|$)/, `<html${tag}>`);
    for (const [key, value] of Object.entries(DEFAULT_METRICS)) {
      assert.match(html, new RegExp(`data-metric="${key.replace(/\./g, '\\.')}" data-value="${value}"`), key);
    }
    assert.doesNotMatch(html, /\sstyle="/, 'an inline style attribute would break the CSP');
  });

  test('with the Wasm blocked, the default estimate is on screen and readable', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      const wasm = await holdWasm(page);
      await openRaw(page, url);
      assert.ok(wasm.count() > 0, 'the page should have asked for its Wasm');
      assert.deepEqual(await appState(page), { app: 'loading', plan: 'default', complete: false });
      assert.ok(await page.locator(TOTAL).isVisible(), 'the total should be visible before the app runs');
      await expectMetrics(page, DEFAULT_METRICS);
      const values = await metricValues(page);
      assert.equal(values['payables.lines.10.credits_per_run'], '77', 'the lines table is prerendered');
      // The month's cost is at a glance beside the total, prerendered with it; the billing
      // section below the first screen is not: it says it is loading.
      assert.equal(values['billing.total_cost'], '63.8');
      assert.equal(await page.locator('[data-slot="rest"][aria-busy="true"]').count(), 1);
      await expectInputs(page, DEFAULT_INPUTS);
      assert.equal(await page.locator('.boot-status').isVisible(), false, 'no loading line on the default page');
      await wasm.release();
      await waitReady(page);
      await expectMetrics(page, DEFAULT_METRICS);
    });
  });

  test('without JavaScript, the reference estimate is still readable', opts, async () => {
    // Not withPage: with scripts off, Chromium refuses the module preloads, which that helper
    // rightly counts as failures in any other test.
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT });
      assert.ok(await page.locator(TOTAL).isVisible(), 'noscript.css shows the prerendered page');
      const values = await page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll('[data-metric]')].map((e) => [e.dataset.metric, e.dataset.value])),
      );
      for (const [key, value] of Object.entries(DEFAULT_METRICS)) assert.equal(values[key], value, key);
    } finally {
      await context.close();
    }
  });

  test('the app takes over: data-app="ready", then every part live', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      assert.deepEqual(await appState(page), { app: 'ready', plan: null, complete: true });
      await input(page, 'payables.documents').fill('250');
      await expectMetric(page, 'total.credits_per_month', '14180');
      await input(page, 'billing.packs').fill('1');
      await expectMetric(page, 'billing.prepaid_credits', '25000');
    });
  });
});

describe('a visitor whose estimate is not the default', () => {
  const cases = [
    ['a shared link (fragment)', '#v=1&payables.documents=250', {}, { 'total.credits_per_month': '13000' }],
    ['a shared link (query)', '?sales_order.requests=300', {}, { 'total.credits_per_month': '3540' }],
    [
      'a saved estimate',
      '',
      {
        initScripts: [
          seedStorage({
            [STORAGE_KEY]: JSON.stringify({
              schema: 1,
              workload: { agents: [{ template: 'payables', values: { documents: '250', lines: '5', attachments: '1' } }] },
            }),
          }),
        ],
      },
      { 'total.credits_per_month': '13000' },
    ],
    ['another number format', '', { locale: 'de-DE' }, { 'total.credits_per_month': DEFAULT_TOTAL }],
  ];
  for (const [what, suffix, context, final] of cases) {
    test(`${what}: a loading state, never the default figures, until the app shows theirs`, opts, async (t) => {
      await withPage(browser, t, context, async (page) => {
        const wasm = await holdWasm(page);
        await openRaw(page, url + suffix);
        assert.deepEqual(await appState(page), { app: 'loading', plan: 'other', complete: false });
        assert.equal(await page.locator(TOTAL).isVisible(), false, 'the default total must not be on screen');
        assert.ok(await page.locator('.boot-status').isVisible(), 'a loading line instead');
        await wasm.release();
        await waitReady(page);
        assert.ok(await page.locator(TOTAL).isVisible());
        for (const [key, value] of Object.entries(final)) {
          await page.waitForFunction(
            ([sel, v]) => document.querySelector(sel)?.getAttribute('data-value') === v,
            [`[data-metric="${key}"]`, value],
          );
        }
        assert.equal(await page.locator('.boot-status').isVisible(), false);
      });
    });
  }

  test("a shared link's total shows while the page's own code downloads, before those downloads start", opts, async (t) => {
    await withPage(browser, t, async (page) => {
      // Every module but the first is held back: the total can only come from the first one.
      const later = await holdWasm(page, /\/(split_|chunk_)[\w.-]*\.wasm$/);
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          const total = document.querySelector('[data-metric="total.credits_per_month"]');
          if (total?.getAttribute('data-value') === '13000') {
            window.linkTotalAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await openRaw(page, `${url}#v=1&payables.documents=250`);
      await page.waitForFunction(() => window.linkTotalAt !== undefined, null, { timeout: READY_TIMEOUT });
      const early = page.locator(`.boot-status ${TOTAL}`);
      assert.ok(await early.isVisible(), "the link's total, in the loading line");
      assert.equal(await early.textContent(), '13,000');
      assert.deepEqual(await appState(page), { app: 'loading', plan: 'other', complete: false });
      await later.release();
      await waitReady(page);
      await expectMetric(page, 'total.credits_per_month', '13000');
      // The page's module is requested in a later task than the one that put the total in the
      // page (scripts/build-wasm.mjs, deferPageLoad): starting a dozen downloads no longer holds
      // the total back from the screen.
      const { totalAt, requestedAt } = await page.evaluate(() => ({
        totalAt: window.linkTotalAt,
        requestedAt: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/split_page.wasm'))?.startTime,
      }));
      assert.ok(requestedAt !== undefined, 'the page module was fetched');
      assert.ok(requestedAt >= totalAt, `page module requested at ${requestedAt} ms, the total in the page at ${totalAt} ms`);
    });
  });

  test('the widget shows a loading state, not the full page, until it is drawn', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      const wasm = await holdWasm(page);
      await openRaw(page, `${url}?embed=1&agent=payables`);
      assert.equal((await appState(page)).plan, 'other');
      assert.equal(await page.locator('main.agents').isVisible(), false);
      await wasm.release();
      await waitReady(page);
      assert.equal(await page.locator('main.agents').count(), 0, 'the widget replaces the page');
      await expectMetric(page, 'total.credits_per_month', '5200');
    });
  });
});

describe('typing before the app is ready', () => {
  test('text typed into the prerendered page is kept, computed, and keeps its focus and caret', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      const wasm = await holdWasm(page);
      await openRaw(page, url);
      const docs = input(page, 'payables.documents');
      await docs.click();
      await docs.press('ControlOrMeta+a');
      await docs.pressSequentially('250', { delay: 10 });
      await docs.press('ArrowLeft');
      await input(page, 'payables.lines').fill('10');
      await docs.click();
      await docs.press('End');
      await docs.press('ArrowLeft');
      assert.equal((await appState(page)).app, 'loading', 'typed while the app was still loading');
      await wasm.release();
      await waitReady(page);
      // 250 e-documents at 10 lines: 77 credits each.
      await expectMetric(page, 'total.credits_per_month', String(1180 + 250 * 77));
      await expectInputs(page, { 'payables.documents': '250', 'payables.lines': '10' });
      const focus = await page.evaluate(() => ({
        key: document.activeElement?.getAttribute('data-input'),
        caret: document.activeElement?.selectionStart,
      }));
      assert.deepEqual(focus, { key: 'payables.documents', caret: 2 });
      // Typing goes on where it left off.
      await page.keyboard.type('5');
      await expectInputs(page, { 'payables.documents': '2550' });
      await expectMetric(page, 'total.credits_per_month', String(1180 + 2550 * 77));
    });
  });

  test('an invalid value typed before ready gets its message after', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      const wasm = await holdWasm(page);
      await openRaw(page, url);
      await input(page, 'payables.lines').fill('abc');
      await wasm.release();
      await waitReady(page);
      await page.waitForSelector('[data-error="payables.lines"]');
      await expectMetric(page, 'total.credits_per_month', DEFAULT_TOTAL);
    });
  });
});

describe('the bytes each load fetches', () => {
  /** Records when html[data-app] becomes "ready", before any page script runs. */
  function recordReady() {
    // Init scripts run before the document has an element: watch the whole document.
    new MutationObserver((_, observer) => {
      if (document.documentElement?.getAttribute('data-app') === 'ready') {
        window.__readyAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-app'] });
  }

  for (const [view, suffix] of [
    ['page', ''],
    ['widget', '?embed=1&agent=payables'],
  ]) {
    test(`${view}: what is fetched before ready is the build's ${view} load, within its ceiling`, opts, async (t) => {
      const { CEILINGS, loads, gzipSize } = await import('../../scripts/check-size.mjs');
      await withPage(browser, t, { initScripts: [[recordReady, undefined]] }, async (page) => {
        await openApp(page, url + suffix);
        const fetched = await page.evaluate(() => {
          const mark = performance.getEntriesByName('agent-credits:ready', 'mark')[0];
          const ready = mark ? mark.startTime : window.__readyAt;
          const nav = performance.getEntriesByType('navigation')[0];
          return [nav, ...performance.getEntriesByType('resource')]
            .filter((e) => e.responseEnd <= ready)
            .map((e) => new URL(e.name).pathname);
        });
        const files = [...new Set(fetched.map((p) => p.replace(/^\//, '') || 'index.html'))].sort();
        assert.deepEqual(files, [...loads(DIST)[view]].sort(), `the ${view} load`);
        const total = files.reduce((sum, f) => sum + gzipSize(path.join(DIST, f)), 0);
        assert.ok(
          total <= CEILINGS[view].ceiling,
          `${view}: ${total} bytes gzip before ready, over the ceiling of ${CEILINGS[view].ceiling}`,
        );
      });
    });
  }
});
