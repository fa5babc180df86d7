// Editable rows (custom steps, environments, billing policies, pre-purchase tiers): each row has a
// stable id (src/state.rs, RowList), so adding a row keeps every other row's DOM, removing one
// moves the rows below up a place with what was typed into them, and their public keys follow
// their place.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STORAGE_KEY, TEST_TIMEOUT, getStorage, input, openApp, useApp, withPage } from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));
const opts = { timeout: TEST_TIMEOUT };

/** Marks the element matching `selector` with `name`, to find out later whether it was rebuilt. */
async function tag(page, selector, name) {
  await page.locator(selector).evaluate((el, n) => {
    el.__tag = n;
  }, name);
}

async function tagOf(page, selector) {
  return page.locator(selector).evaluate((el) => el.__tag ?? null);
}

describe('rows', () => {
  test('adding a step keeps the other steps as they are', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('[data-action="add-custom"][data-starter="qa"]').click();
      const first = '[data-input="custom.1.steps.0.name"]';
      await page.waitForSelector(first);
      await tag(page, first, 'kept');
      await page.locator(first).click();
      await page.locator('[data-action="add-step"]').click();
      await page.waitForSelector('[data-input="custom.1.steps.3.name"]');
      assert.equal(await tagOf(page, first), 'kept', 'the first step was rebuilt');
    });
  });

  test('removing a row moves the rows below up, with what was typed into them', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('details.environments > summary').click();
      await page.locator('[data-action="add-environment"]').click();
      await page.locator('[data-action="add-environment"]').click();
      await input(page, 'billing.env.2.name').fill('Test');
      await input(page, 'billing.env.2.share').fill('abc');
      await page.waitForSelector('[data-error="billing.env.2.share"]');
      await tag(page, '[data-input="billing.env.2.share"]', 'third');
      await tag(page, '[data-input="billing.env.0.share"]', 'first');

      await page.locator('[data-environment="1"] [data-action="remove-environment"]').click();

      // The third row is now the second: the same element, its key, its text and its message.
      await page.waitForSelector('[data-input="billing.env.1.share"]');
      assert.equal(await page.locator('[data-input="billing.env.2.share"]').count(), 0);
      assert.equal(await tagOf(page, '[data-input="billing.env.1.share"]'), 'third');
      assert.equal(await tagOf(page, '[data-input="billing.env.0.share"]'), 'first');
      assert.equal(await input(page, 'billing.env.1.name').inputValue(), 'Test');
      assert.equal(await input(page, 'billing.env.1.share').inputValue(), 'abc');
      assert.equal(await page.locator('[data-error="billing.env.1.share"]').count(), 1);
      assert.equal(await page.locator('[data-error="billing.env.2.share"]').count(), 0);
    });
  });

  test('a pre-purchase tier of 0 units is refused next to its field, not dropped silently', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('details.prices > summary').click();
      await input(page, 'billing.price.tier.0.units').fill('20000');
      await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('"units":"20000"'), STORAGE_KEY);
      await input(page, 'billing.price.tier.0.units').fill('0');
      const message = await page.locator('[data-error="billing.price.tier.0.units"]').textContent();
      assert.match(message, /at least 1/);
      assert.equal(await input(page, 'billing.price.tier.0.units').inputValue(), '0');
      // The estimate keeps the last valid tier.
      assert.match(await getStorage(page), /"units":"20000"/);
    });
  });
});
