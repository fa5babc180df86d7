// Whole-page tests of the layout: at 1280×800 the first screen shows the first agent's inputs
// with the month's credits and cost, and both stay in view while the page scrolls (a column
// beside the inputs on a wide screen, a bar at the top on a phone).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, openApp, screenshot, withPage, useApp } from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };

/** Whether each selector's element is wholly inside the viewport now. */
async function inView(page, selectors) {
  return page.evaluate((sels) => Object.fromEntries(sels.map((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return [s, !!r && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth];
  })), selectors);
}

const TOTAL = '[data-metric="total.credits_per_month"]';
const COST = '[data-metric="billing.total_cost"]';

describe('layout', () => {
  for (const [name, viewport, firstInput] of [
    ['1280×800', { width: 1280, height: 800 }, '[data-input="sales_order.requests"]'],
    ['a phone', { width: 390, height: 844 }, '[data-input="sales_order.requests"]'],
  ]) {
    test(`${name}: inputs, credits and cost on the first screen; credits and cost stay in view`, opts, async (t) => {
      await withPage(browser, t, { viewport }, async (page) => {
        await openApp(page, url);
        assert.deepEqual(await inView(page, [firstInput, TOTAL, COST]), { [firstInput]: true, [TOTAL]: true, [COST]: true });
        // Editing a volume far down the page: the bill moves in view.
        await page.locator('[data-input="payables.documents"]').scrollIntoViewIfNeeded();
        await page.locator('[data-input="payables.documents"]').fill('200');
        await page.waitForFunction((s) => document.querySelector(s)?.dataset.value === '11580', TOTAL);
        assert.deepEqual(await inView(page, [TOTAL, COST]), { [TOTAL]: true, [COST]: true });
        await page.locator('#share-heading').scrollIntoViewIfNeeded();
        assert.deepEqual(await inView(page, [TOTAL, COST]), { [TOTAL]: true, [COST]: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
        t.diagnostic(`screenshot: ${await screenshot(page, `layout-${viewport.width}.png`)}`);
      });
    });
  }

  test('the long sections fold, and this browser remembers which are open', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const open = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('details[data-fold]')].map((d) => [d.dataset.fold, d.open])));
      assert.deepEqual(await open(), {
        'bill-derivation': false, 'year-table': true, prepurchase: false, environments: false, policies: false, prices: false, 'rate-card': false,
      });
      // Folded, their fields are still in the page (public hooks).
      assert.equal(await page.locator('[data-input="billing.price.currency"]').count(), 1);
      await page.locator('details[data-fold="environments"] > summary').click();
      await page.locator('details[data-fold="prices"] > summary').click();
      await page.locator('details[data-fold="year-table"] > summary').click();
      await page.locator('details[data-fold="rate-card"] > summary').click();
      await page.waitForFunction(() => (localStorage.getItem('agent-credits.v1.folds') || '').split(',').length === 4);
      await page.reload();
      await page.waitForSelector('html[data-app="ready"][data-complete]', { state: 'attached' });
      assert.deepEqual(await open(), {
        'bill-derivation': false, 'year-table': false, prepurchase: false, environments: true, policies: false, prices: true, 'rate-card': true,
      });
      // The rate card, built when it opens, is there.
      assert.ok(await page.locator('details[data-fold="rate-card"] table').first().isVisible());
      // A preference of this browser: not in the link.
      await page.locator('[data-action="copy-link"]').click();
      assert.ok(!(await page.locator('[data-testid="share-link"]').inputValue()).includes('fold'));
    });
  });
});
