// Every interaction tells the truth: a field in error holds its figures back visibly (and as
// `data-stale`), what was typed survives a reload, a cost that leaves runs unserved says so, the
// page keeps the user's place, a phone needs no sideways scroll, and the words agree in number.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STORAGE_KEY,
  TEST_TIMEOUT,
  expectMetric,
  expectMoney,
  getStorage,
  input,
  openApp,
  setInput,
  typeInput,
  useApp,
  waitGone,
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

/** Whether the element matching `selector` is focused and inside the viewport. */
async function focusedInView(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el || document.activeElement !== el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }, selector);
}

async function waitFocused(page, selector, what) {
  try {
    await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        if (!el || document.activeElement !== el) return false;
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      },
      selector,
      { timeout: 5000 },
    );
  } catch {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
    assert.fail(`${what}: expected ${selector} focused and in view; focus is on ${active}`);
  }
  assert.ok(await focusedInView(page, selector));
}

describe('a cost that leaves runs unserved', () => {
  test('says so beside the month\'s cost, on the year chart and table; hides settings that do not apply', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      // Pay-as-you-go on: the budget applies, the enforcement threshold does not.
      assert.ok(await input(page, 'billing.budget').isVisible());
      assert.ok(!(await input(page, 'billing.enforcement').isVisible()));
      await setInput(page, 'payables.documents', '1000');
      await setInput(page, 'billing.packs', '1');
      await page.locator('[data-input="billing.payg"]').selectOption('off');
      await expectMoney(page, 'billing.total_cost', '200', '200.00');
      // Off: the threshold applies, the budget does not.
      await waitGone(page, '[data-input="billing.budget"]', 'the budget with pay-as-you-go off');
      assert.ok(await input(page, 'billing.enforcement').isVisible());

      const note = page.locator('.glance .unserved-note');
      await waitVisible(page, '.glance .unserved-note', 'the unserved note beside the cost');
      assert.match(await note.innerText(), /^Leaves [\d,]+ credits unserved \([\d.]+ % of the month's runs\): the agents stop on day \d+\. This cost does not buy the whole month\.$/);
      // Beside the total, not somewhere else on the page.
      const [cost, warn] = await Promise.all([
        page.locator('[data-metric="billing.total_cost"]').boundingBox(),
        note.boundingBox(),
      ]);
      assert.ok(Math.abs(warn.y - cost.y) < 200, `the note is ${warn.y - cost.y}px from the cost`);

      // The year: the chart marks the bars, a note says why they are low, the table says so.
      await waitVisible(page, '[data-year-unserved]', 'the year note');
      assert.match(await page.locator('[data-year-unserved]').innerText(), /Your settings leave [\d,]+ credits unserved over the year, in \d+ months?/);
      assert.ok((await page.locator('.year-chart rect.series-yours.unserved').count()) > 0, 'marked bars');
      assert.ok((await page.locator('.year-chart .unserved-mark').count()) > 0, 'marks on the chart');
      await waitVisible(page, '.year-table .unserved-flag', 'the flag under the year total');

      // Served again: every warning goes.
      await page.locator('[data-input="billing.payg"]').selectOption('on');
      await waitGone(page, '.unserved-note', 'the notes once every run is served');
      assert.ok(!(await page.locator('.year-table .unserved-flag').isVisible()));
    });
  });

  test('a budget that runs out: the budget that covers the month, in one click', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await setInput(page, 'billing.budget', '10');
      await waitVisible(page, '[data-action="use-budget"]', 'the budget offer');
      assert.match(await page.locator('.budget-offer').innerText(), /A budget of 63\.80 USD covers the month/);
      await waitVisible(page, '.glance .unserved-note', 'the unserved note beside the cost');
      await page.locator('[data-action="use-budget"]').click();
      await expectMoney(page, 'billing.payg_cost', '63.8', '63.80');
      assert.equal(await input(page, 'billing.budget').inputValue(), '63.8');
      await waitFocused(page, '.budget-offer [data-confirmation]', 'after using the budget');
      assert.match(await page.locator('.budget-offer [data-confirmation]').innerText(), /Budget set to 63\.80 USD: every run is served/);
      assert.equal(await page.locator('.unserved-note').count(), 0);
    });
  });

  test('environments say what happens past prepaid capacity, and "first" only of several', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('details.environments > summary').click();
      const summary = page.locator('.allocation-summary');
      await waitVisible(page, '.allocation-summary');
      const one = await summary.innerText();
      assert.doesNotMatch(one, /first/);
      assert.match(one, /^Production runs out of prepaid capacity on day 1\. The 6,380 credits past it: pay-as-you-go takes over and serves them\.$/);
      assert.match(await page.locator('.billing .outcome').innerText(), /Every run is served/);
    });
  });
});

describe('the user keeps their place', () => {
  test('after add, remove and undo the focus is on the result, in view', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('[data-action="add-custom"]').first().click();
      await page.waitForSelector('section[data-custom]');
      const id = await page.locator('section[data-custom]').first().getAttribute('data-custom');
      await waitFocused(page, `[data-input="custom.${id}.name"]`, 'after adding a custom agent');

      await page.locator('section[data-agent="sales_order"] [data-action="remove-agent"]').click();
      await waitFocused(page, '[data-action="undo-remove"]', 'after removing an agent');
      await page.keyboard.press('Enter');
      await page.waitForSelector('section[data-agent="sales_order"]');
      await waitFocused(page, 'section[data-agent="sales_order"] [data-input]', 'after undo');

      // Removing the custom agent far down the page: Undo is still in view.
      await page.locator(`section[data-custom="${id}"] [data-action="remove-agent"]`).click();
      await waitFocused(page, '[data-action="undo-remove"]', 'after removing the custom agent');
      await page.locator('[data-action="undo-remove"]').click();
      await waitFocused(page, `[data-input="custom.${id}.name"]`, 'after putting the custom agent back');
    });
  });

  test('after adopting the recommendation the focus stays, with a confirmation', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await setInput(page, 'billing.packs', '3');
      await page.locator('[data-action="use-recommended"]').click();
      await waitFocused(page, '.recommendation [data-confirmation]', 'after "Use 0 packs"');
      assert.match(await page.locator('.recommendation [data-confirmation]').innerText(), /^Now 0 packs with pay-as-you-go: the cheapest for this month\.$/);
      assert.equal(await input(page, 'billing.packs').inputValue(), '0');
    });
  });
});
