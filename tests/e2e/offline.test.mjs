// Whole-page test of the offline copy: after one visit the service worker keeps the build, and a
// reload with the network off shows the estimate, saying it runs from that copy.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TOTAL, READY_TIMEOUT, TEST_TIMEOUT, openApp, withPage, useApp } from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };

describe('offline', () => {
  test('after one visit, a reload with the network off shows the estimate and says it is the offline copy', opts, async (t) => {
    await withPage(browser, t, async (page, context) => {
      await openApp(page, url);
      assert.ok(await page.locator('.offline-note').isHidden(), 'online: no offline note');
      // Registered once the page is complete; active once the whole build is in its cache.
      const cached = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        const keys = await caches.keys();
        const mine = keys.filter((k) => k.startsWith('agent-credits-'));
        const files = mine.length ? (await (await caches.open(mine[0])).keys()).map((r) => new URL(r.url).pathname) : [];
        return { active: !!reg.active, scope: reg.scope, caches: mine.length, files };
      });
      assert.ok(cached.active, 'an active worker');
      assert.equal(cached.scope, new URL('./', url).href);
      assert.equal(cached.caches, 1, 'one build cached');
      assert.ok(cached.files.some((f) => f.endsWith('/main_bg.wasm')), cached.files.join(' '));
      assert.ok(cached.files.some((f) => /\/split_parts\.wasm$/.test(f)), 'the later parts too');
      await context.setOffline(true);
      try {
        await page.reload({ waitUntil: 'load', timeout: READY_TIMEOUT });
        await page.waitForSelector('html[data-app="ready"][data-complete]', { state: 'attached', timeout: READY_TIMEOUT });
        assert.ok(await page.locator('.offline-note').isVisible(), 'the offline note');
        assert.equal(await page.locator('[data-metric="total.credits_per_month"]').getAttribute('data-value'), DEFAULT_TOTAL);
        assert.equal(await page.locator('[data-metric="billing.total_cost"]').getAttribute('data-value'), '63.8');
        // It still computes: an edit moves the total.
        await page.locator('[data-input="payables.documents"]').fill('200');
        await page.waitForFunction(() => document.querySelector('[data-metric="total.credits_per_month"]').dataset.value === '11580');
      } finally {
        await context.setOffline(false);
      }
    });
  });
});
