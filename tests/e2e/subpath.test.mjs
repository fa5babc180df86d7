// The same build served under a sub-path (/tools/credits/), as on a shared host: asset URLs in the
// build must be relative, links and "Back to my estimate" must keep the sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_INPUTS,
  DEFAULT_METRICS,
  LINES_TABLE,
  TEST_TIMEOUT,
  WAIT_TIMEOUT,
  expectAgents,
  expectInputs,
  expectMetric,
  expectMetrics,
  openApp,
  setInput,
  waitGone,
  waitVisible,
  withPage,
  useApp,
} from './helpers.mjs';

const PREFIX = '/tools/credits/';
let browser;
let url;
useApp((app) => ({ browser, url } = app), { prefix: PREFIX });

const opts = { timeout: TEST_TIMEOUT };

test('under /tools/credits/ the defaults render, with every asset loaded from the sub-path', opts, async (t) => {
  await withPage(browser, t, async (page) => {
    const requested = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
    await openApp(page, url);
    await expectAgents(page, { sales_order: true, payables: true });
    await expectInputs(page, DEFAULT_INPUTS);
    await expectMetrics(page, DEFAULT_METRICS);
    for (const [n, v] of Object.entries(LINES_TABLE)) {
      await expectMetric(page, `payables.lines.${n}.credits_per_run`, v);
    }
    const outside = requested.filter((p) => !p.startsWith(PREFIX) && p !== '/favicon.ico');
    assert.deepEqual(outside, [], 'requests outside the sub-path (absolute asset URLs in the build?)');
    assert.ok(requested.some((p) => p.endsWith('.wasm')), `no .wasm was requested: ${requested.join(', ')}`);
    // Still interactive.
    await setInput(page, 'payables.lines', '10');
    await expectMetrics(page, { 'payables.credits_per_month': '7700', 'total.credits_per_month': '8880' });
  });
});

test('under /tools/credits/ a link applies and Back to my estimate keeps the sub-path', opts, async (t) => {
  await withPage(browser, t, async (page) => {
    await openApp(page, `${url}?payables.documents=100&payables.lines=5`);
    await expectAgents(page, { sales_order: false, payables: true });
    await expectMetrics(page, { 'payables.credits_per_month': '5200', 'total.credits_per_month': '5200' });
    const back = '[data-testid="shared-banner"] [data-action="back-to-mine"]';
    await waitVisible(page, back, 'the Back to my estimate button');
    await page.locator(back).click();
    await waitGone(page, '[data-testid="shared-banner"]');
    await page.waitForFunction(() => location.search === '', null, { timeout: WAIT_TIMEOUT }).catch(() => {});
    const now = new URL(page.url());
    assert.equal(now.pathname, PREFIX, `Back should keep the sub-path: ${page.url()}`);
    assert.equal(now.search, '', `Back should drop the query: ${page.url()}`);
    await expectMetrics(page, DEFAULT_METRICS);
  });
});

test('under /tools/credits/ the offline copy is scoped to the sub-path and serves a reload offline', opts, async (t) => {
  await withPage(browser, t, async (page, context) => {
    await openApp(page, url);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(new URL(scope).pathname, PREFIX);
    await context.setOffline(true);
    try {
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('html[data-app="ready"][data-offline]', { state: 'attached' });
      await expectMetrics(page, DEFAULT_METRICS);
    } finally {
      await context.setOffline(false);
    }
  });
});
