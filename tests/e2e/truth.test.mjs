// Every interaction tells the truth: a field in error holds its figures back visibly (and as
// `data-stale`), what was typed survives a reload, a cost that leaves runs unserved says so, the
// page keeps the user's place, a phone needs no sideways scroll, and the words agree in number.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STORAGE_KEY,
  TEST_TIMEOUT,
  expectMetric,
  getStorage,
  input,
  openApp,
  typeInput,
  useApp,
  waitStorageChange,
  waitVisible,
  withPage,
} from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));
const opts = { timeout: TEST_TIMEOUT };

/** The `data-stale` attribute of every figure, by metric key (`null` where absent). */
async function staleness(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-metric]')].map((el) => [
        el.getAttribute('data-metric'),
        el.getAttribute('data-stale'),
      ]),
    ),
  );
}

/** Asserts which figures are marked stale: exactly those `stale(key)` says. */
async function expectStale(page, stale) {
  const seen = await staleness(page);
  const keys = Object.keys(seen);
  assert.ok(keys.length > 20, `expected the whole page's figures, found ${keys.length}`);
  const wrong = keys.filter((k) => (seen[k] === 'true') !== stale(k));
  assert.deepEqual(wrong, [], 'figures whose data-stale is wrong');
  for (const k of keys) assert.ok(seen[k] === null || seen[k] === 'true', `${k}: data-stale="${seen[k]}"`);
}

/** Figures that depend on the Sales Order agent's inputs. */
const onSalesOrder = (k) =>
  k.startsWith('sales_order.') || k.startsWith('total.') || k.startsWith('agents.') || k.startsWith('billing.');

describe('a field in error', () => {
  test('typing 150 (through 15) holds the figures back, says so, and survives a reload', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const before = await getStorage(page);
      await typeInput(page, 'sales_order.attachment_rate', '150');
      await waitVisible(page, '[data-error="sales_order.attachment_rate"]', 'the message for 150 %');
      // The figures are those of 15 %, the last valid value typed on the way, and say so.
      await expectMetric(page, 'sales_order.credits_per_month', '1005');
      await expectStale(page, onSalesOrder);
      const card = page.locator('section[data-agent="sales_order"]');
      assert.match(await card.locator('.results').innerText(), /Not updated/);
      assert.doesNotMatch(
        await page.locator('section[data-agent="payables"] .results').innerText(),
        /Not updated/,
        'the other agent is up to date',
      );
      await waitVisible(page, '.stale-note', 'the note above the bill');

      // Saved with the text as typed, so a reload shows the same field, message and marks.
      const saved = JSON.parse(await waitStorageChange(page, before));
      assert.deepEqual(saved.drafts, [['sales_order.attachment_rate', '150']]);
      await openApp(page, url);
      assert.equal(await input(page, 'sales_order.attachment_rate').inputValue(), '150');
      await waitVisible(page, '[data-error="sales_order.attachment_rate"]', 'the message after a reload');
      await expectStale(page, onSalesOrder);

      // "Go to the field" brings the user to it.
      await page.locator('.results [data-action="go-to-error"]').first().click();
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('data-input') === 'sales_order.attachment_rate',
      );

      // Corrected, every figure is up to date again and the unfinished text is gone from storage.
      const held = await getStorage(page);
      await typeInput(page, 'sales_order.attachment_rate', '50');
      await expectMetric(page, 'sales_order.credits_per_month', '1250');
      await expectStale(page, () => false);
      assert.equal(await page.locator('.stale-note, .figure-stale').count(), 0);
      const fixed = JSON.parse(await waitStorageChange(page, held));
      assert.equal(fixed.drafts, undefined);
    });
  });

  test('a number too large holds the figures back instead of showing another value', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await typeInput(page, 'payables.lines', '1e9');
      await waitVisible(page, '[data-error="payables.lines"]');
      const stale = await staleness(page);
      assert.equal(stale['payables.credits_per_month'], 'true');
      assert.equal(stale['total.credits_per_month'], 'true');
      assert.equal(stale['sales_order.credits_per_month'], null);
    });
  });

  test('a billing setting in error holds back the bill, not the agents', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await typeInput(page, 'billing.packs', '2.5');
      await waitVisible(page, '[data-error="billing.packs"]');
      await expectStale(page, (k) => k.startsWith('billing.'));
    });
  });

  test('unfinished text for a field that is gone is dropped on load', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await typeInput(page, 'payables.documents', '120');
      const plan = JSON.parse(await waitStorageChange(page, null)).plan;
      await page.evaluate(
        ([key, text]) => localStorage.setItem(key, text),
        [STORAGE_KEY, JSON.stringify({ schema: 3, plan, drafts: [
          ['custom.9.runs', 'x'],
          ['billing.env.7.share', 'y'],
          ['payables.no_such_field', 'z'],
          ['billing.power_platform', 'w'],
        ] })],
      );
      await openApp(page, url);
      await expectStale(page, () => false);
      await expectMetric(page, 'payables.credits_per_month', '6240');
    });
  });
});
