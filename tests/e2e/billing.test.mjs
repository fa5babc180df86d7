// Whole-page tests of the billing section: links with billing parameters, the figures they give,
// editing the settings, saving them, and the charts and plan that follow.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TOTAL,
  STORAGE_KEY,
  TEST_TIMEOUT,
  WAIT_TIMEOUT,
  clip,
  expectMetric,
  expectMetrics,
  expectMoney,
  getStorage,
  input,
  openApp,
  parseSaved,
  screenshot,
  seedStorage,
  setInput,
  waitStorageChange,
  waitVisible,
  withPage,
  useApp,
} from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };

/** A month of Sales Order agent only: 5,000 requests at 11.8 credits = 59,000 credits. */
const BIG = 'sales_order.requests=5000&payables.documents=0';

/** The stop day: data-value is the day, or empty when the agents never stop. */
async function expectStopDay(page, day) {
  const sel = '[data-metric="billing.stop_day"]';
  const want = day === null ? '' : String(day);
  await page
    .waitForFunction(([s, v]) => document.querySelector(s)?.getAttribute('data-value') === v, [sel, want], {
      timeout: WAIT_TIMEOUT,
    })
    .catch(() => {});
  const el = page.locator(sel);
  assert.equal(await el.getAttribute('data-value'), want, 'billing.stop_day data-value');
  const text = await el.innerText();
  assert.match(text, day === null ? /never/ : new RegExp(`day ${day}\\b`), `billing.stop_day text: ${text}`);
}

async function outcomeKind(page) {
  return page.locator('[data-outcome]').getAttribute('data-outcome');
}

describe('billing figures from links', () => {
  test('defaults: pay-as-you-go only, 6,380 credits cost 63.80 USD', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await expectMetrics(page, {
        'billing.prepaid_credits': '0',
        'billing.prepaid_used_credits': '0',
        'billing.payg_credits': DEFAULT_TOTAL,
        'billing.overage_credits': '0',
        'billing.unserved_credits': '0',
        'billing.recommended_packs': '0',
      });
      await expectStopDay(page, null);
      await expectMoney(page, 'billing.prepaid_cost', '0', '0.00');
      await expectMoney(page, 'billing.payg_cost', '63.8', '63.80');
      await expectMoney(page, 'billing.total_cost', '63.8', '63.80');
      await expectMoney(page, 'billing.year.payg_only_cost', '765.6', '765.60');
      assert.equal(await outcomeKind(page), 'served');
      assert.equal(await input(page, 'billing.payg').inputValue(), 'on');
      assert.equal(await input(page, 'billing.packs').inputValue(), '0');
      assert.equal(await input(page, 'billing.enforcement').inputValue(), '125');
      assert.equal(await input(page, 'billing.budget').inputValue(), '');
      // The plan for pay-as-you-go through Power Platform.
      assert.equal(await page.locator('[data-step="payg-power-platform"]').count(), 1);
      assert.equal(await page.locator('[data-step="link-environment"]').count(), 1);
      assert.equal(await page.locator('[data-step="buy-packs"]').count(), 0);
    });
  });

  test('the bill\'s derivation opens on demand and ends in the total shown', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const details = 'section.billing details.breakdown';
      assert.equal(await page.locator(`${details} ol.bill-lines li`).count(), 0, 'built before it was opened');
      await page.locator(`${details} > summary`).click();
      const lastLine = () => page.locator(`${details} ol.bill-lines li`).last().innerText();
      await page.locator(`${details} ol.bill-lines li`).first().waitFor({ timeout: WAIT_TIMEOUT });
      assert.equal(await lastLine(), 'Total: 0.00 + 63.80 = 63.80 USD a month');
      const lines = await page.locator(`${details} ol.bill-lines li`).allInnerTexts();
      assert.ok(lines.includes('Pay-as-you-go: 6,380 credits × 0.01 = 63.80 USD'), lines.join(' | '));
      // Open, it follows an edit: one pack, the rest pay-as-you-go.
      await setInput(page, 'billing.packs', '1');
      await expectMoney(page, 'billing.total_cost', '200', '200.00');
      await page.waitForFunction(
        (sel) => [...document.querySelectorAll(`${sel} ol.bill-lines li`)].pop()?.textContent ===
          'Total: 200.00 + 0.00 = 200.00 USD a month',
        details,
        { timeout: WAIT_TIMEOUT },
      );
    });
  });

  test('prepaid only: one pack covers the month, 200.00 USD', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?billing.packs=1&billing.payg=off`);
      await waitVisible(page, '[data-testid="shared-banner"]', 'the shared-link banner');
      await expectMetrics(page, {
        'billing.prepaid_credits': '25000',
        'billing.prepaid_used_credits': DEFAULT_TOTAL,
        'billing.payg_credits': '0',
        'billing.overage_credits': '0',
        'billing.unserved_credits': '0',
      });
      await expectStopDay(page, null);
      await expectMoney(page, 'billing.total_cost', '200', '200.00');
      assert.equal(await input(page, 'billing.payg').inputValue(), 'off');
      assert.equal(await page.locator('[data-step="buy-packs"]').count(), 1);
      assert.equal(await page.locator('[data-step="watch-capacity"]').count(), 1);
      // Unused prepaid capacity shows in the chart.
      assert.equal(await page.locator('[data-chart="credits"] [data-segment="prepaid_unused"]').count(), 1);
    });
  });

  test('mixed: two packs then pay-as-you-go, and the recommendation', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?${BIG}&billing.packs=2`);
      await expectMetric(page, 'total.credits_per_month', '59000');
      await expectMetrics(page, {
        'billing.prepaid_credits': '50000',
        'billing.prepaid_used_credits': '50000',
        'billing.payg_credits': '9000',
        'billing.unserved_credits': '0',
        // Pack 3 pays off only past 70,000 credits (2 × 25,000 + 200 / 0.01).
        'billing.recommended_packs': '2',
      });
      await expectMoney(page, 'billing.prepaid_cost', '400', '400.00');
      await expectMoney(page, 'billing.payg_cost', '90', '90.00');
      await expectMoney(page, 'billing.total_cost', '490', '490.00');
    });
  });

  test('overflow without pay-as-you-go at 125 %: grace overage, then the agents stop on day 16', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?${BIG}&billing.packs=1&billing.payg=off&billing.enforcement=125`);
      await expectMetrics(page, {
        'billing.prepaid_credits': '25000',
        'billing.prepaid_used_credits': '25000',
        'billing.payg_credits': '0',
        'billing.overage_credits': '6250',
        'billing.unserved_credits': '27750',
      });
      // 31,250 credits at 59,000 a month last 15.9 days of 30.
      await expectStopDay(page, 16);
      await expectMoney(page, 'billing.total_cost', '200', '200.00');
      assert.equal(await outcomeKind(page), 'stops');
      assert.match(await page.locator('[data-outcome]').innerText(), /stop on day 16 of 30/);
      assert.equal(await page.locator('[data-chart="credits"] [data-segment="unserved"]').count(), 1);
    });
  });

  test('overflow without pay-as-you-go at 100 %: stop at capacity on day 13', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?${BIG}&billing.packs=1&billing.payg=off&billing.enforcement=100`);
      await expectMetrics(page, {
        'billing.prepaid_used_credits': '25000',
        'billing.overage_credits': '0',
        'billing.unserved_credits': '34000',
      });
      await expectStopDay(page, 13);
    });
  });

  test('a pay-as-you-go budget caps spending; past it the agents stop', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?${BIG}&billing.budget=100`);
      await expectMetrics(page, {
        'billing.payg_credits': '10000',
        'billing.unserved_credits': '49000',
      });
      await expectStopDay(page, 6);
      await expectMoney(page, 'billing.payg_cost', '100', '100.00');
      assert.equal(await input(page, 'billing.budget').inputValue(), '100');
      assert.equal(await page.locator('[data-step="azure-budget"]').count(), 1);
    });
  });

  test('costs stay exact: 3.125 USD shows as 3.13', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      // 25 requests × (9 + 0.5 × 7) = 312.5 credits at 0.01 USD.
      await openApp(page, `${url}?sales_order.requests=25&sales_order.attachment_rate=50`);
      await expectMetric(page, 'billing.payg_credits', '312.5');
      await expectMoney(page, 'billing.payg_cost', '3.125', '3.13');
      await expectMoney(page, 'billing.total_cost', '3.125', '3.13');
    });
  });

  test('bad billing values in a link are ignored with a notice', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?billing.packs=-2&billing.payg=maybe&billing.enforcement=50`);
      await waitVisible(page, '[data-notice="link-ignored"]', 'the link-ignored notice');
      const text = await page.locator('[data-notice="link-ignored"]').innerText();
      for (const key of ['billing.packs', 'billing.payg', 'billing.enforcement']) {
        assert.ok(text.includes(key), `the notice should name ${key}: ${text}`);
      }
      await expectMetric(page, 'billing.prepaid_credits', '0');
      assert.equal(await input(page, 'billing.enforcement').inputValue(), '125');
    });
  });
});

describe('editing billing settings', () => {
  test('packs, pay-as-you-go and the threshold update the figures; bad values get a message', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}`);
      await setInput(page, 'sales_order.requests', '5000');
      await setInput(page, 'payables.documents', '0');
      await expectMetric(page, 'billing.payg_credits', '59000');
      await setInput(page, 'billing.packs', '1');
      await expectMetric(page, 'billing.payg_credits', '34000');
      await input(page, 'billing.payg').selectOption('off');
      await expectMetric(page, 'billing.overage_credits', '6250');
      await expectStopDay(page, 16);
      await setInput(page, 'billing.enforcement', '100');
      await expectStopDay(page, 13);

      await setInput(page, 'billing.packs', '-1');
      await waitVisible(page, '[data-error="billing.packs"]', 'the packs error');
      await setInput(page, 'billing.enforcement', '90');
      await waitVisible(page, '[data-error="billing.enforcement"]', 'the enforcement error');
      // The last valid figures stay.
      await expectStopDay(page, 13);
      await expectMetric(page, 'billing.prepaid_credits', '25000');

      // The recommendation can be adopted in one click.
      await setInput(page, 'billing.packs', '0');
      await page.locator('[data-action="use-recommended"]').click();
      await expectMetric(page, 'billing.prepaid_credits', '50000');
      assert.equal(await input(page, 'billing.payg').inputValue(), 'on');
      await expectMoney(page, 'billing.total_cost', '490', '490.00');
      t.diagnostic(`screenshot: ${await screenshot(page, 'billing-edited.png')}`);
    });
  });

  test('billing settings are saved and survive a reload; a schema-1 save migrates', opts, async (t) => {
    const v1 = JSON.stringify({
      schema: 1,
      workload: { agents: [{ template: 'payables', values: { documents: '250', lines: '5', attachments: '1' } }] },
    });
    await withPage(browser, t, { initScripts: [seedStorage({ [STORAGE_KEY]: v1 })] }, async (page) => {
      await openApp(page, url);
      await expectMetric(page, 'total.credits_per_month', '13000');
      await expectMoney(page, 'billing.total_cost', '130', '130.00');
      const start = await getStorage(page);
      await setInput(page, 'billing.packs', '3');
      await expectMetric(page, 'billing.prepaid_credits', '75000');
      const saved = parseSaved(await waitStorageChange(page, start));
      assert.equal(saved.plan.billing.settings.packs, 3);
      assert.equal(saved.plan.workload.agents.length, 1);

      await openApp(page, url);
      assert.equal(await input(page, 'billing.packs').inputValue(), '3');
      await expectMetric(page, 'billing.prepaid_credits', '75000');
      await expectMetric(page, 'total.credits_per_month', '13000');
    });
  });
});

describe('the year, environments and billing policies', () => {
  test('growth feeds the 12-month view; the table has twelve months', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?billing.growth=0`);
      await expectMoney(page, 'billing.year.payg_only_cost', '765.6', '765.60');
      await expectMoney(page, 'billing.year.prepaid_only_cost', '2400', '2,400.00');
      await expectMoney(page, 'billing.year.mix_cost', '765.6', '765.60');
      assert.equal(await page.locator('.year-table tbody tr').count(), 12);
      assert.equal(await page.locator('.year-chart rect').count(), 48);
      await setInput(page, 'billing.growth', '10');
      // 63.80 × (1.1^12 − 1) / 0.1 = 1,364.32 (rounded).
      await page.waitForFunction(
        () => document.querySelector('[data-metric="billing.year.payg_only_cost"]')?.textContent.includes('1,364.32'),
        null,
        { timeout: WAIT_TIMEOUT },
      );
      // The pre-purchase tier (15,000 units for 14,100 USD) covers this volume but doesn't pay off.
      const tier = await page.locator('[data-metric="billing.prepurchase.1.year_cost"]').getAttribute('data-value');
      assert.equal(tier, '14100', 'tier year cost');
      assert.equal(await page.locator('.prepurchase tr.best').count(), 0, 'no tier should be marked best');
    });
  });

  test('an environment with too small an allocation runs short first', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?${BIG}&billing.packs=2`);
      await page.locator('details.environments > summary').click();
      await setInput(page, 'billing.env.0.share', '80');
      await waitVisible(page, '[data-allocation="error"]', 'the shares error');
      await page.locator('[data-action="add-environment"]').click();
      await setInput(page, 'billing.env.1.share', '20');
      await setInput(page, 'billing.env.1.allocated', '1000');
      await page.waitForSelector('[data-allocation="ok"]', { timeout: WAIT_TIMEOUT });
      const summary = await page.locator('.allocation-summary').innerText();
      // Sandbox needs 11,800 with 1,000 allocated: out on day 3.
      // Only one runs out, so none is "first"; pay-as-you-go (on by default) takes over.
      assert.match(summary, /^Sandbox runs out of prepaid capacity on day 3\. .*pay-as-you-go takes over/);
      assert.equal(await page.locator('[data-step="allocate-capacity"]').count(), 1);
    });
  });

  test('Microsoft 365 billing policies split pay-as-you-go once, never twice', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('details.policies > summary').click();
      await expectMoney(page, 'billing.power_platform.payg_cost', '63.8', '63.80');
      await page.locator('[data-action="add-policy"]').click();
      // An all-users policy takes everyone; the Power Platform set-up then bills nothing.
      await expectMoney(page, 'billing.policy.1.payg_cost', '63.8', '63.80');
      assert.equal(await page.locator('[data-metric="billing.power_platform.payg_cost"]').count(), 0);
      await input(page, 'billing.policy.0.scope').selectOption('group');
      await setInput(page, 'billing.policy.0.users', '25');
      await expectMoney(page, 'billing.policy.1.payg_cost', '15.95', '15.95');
      await expectMoney(page, 'billing.power_platform.payg_cost', '47.85', '47.85');
      await expectMoney(page, 'billing.total_cost', '63.8', '63.80');
      assert.match(await page.locator('.policies .notes').innerText(), /billed once/);
      assert.equal(await page.locator('[data-step="m365-billing-policy"]').count(), 1);
      assert.equal(await page.locator('[data-step="billed-once"]').count(), 1);
      // Names are text, never markup.
      await setInput(page, 'billing.policy.0.name', '<img src=x onerror=alert(1)>');
      await page.waitForFunction(() => document.querySelector('.setup')?.textContent.includes('<img src=x'), null, {
        timeout: WAIT_TIMEOUT,
      });
      assert.equal(await page.locator('.setup img, .policies img').count(), 0);
    });
  });

  test('edited prices change every cost; back to list prices', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('details.prices > summary').click();
      await setInput(page, 'billing.price.payg_per_credit', '0.02');
      await expectMoney(page, 'billing.total_cost', '127.6', '127.60');
      await setInput(page, 'billing.price.currency', 'EUR');
      await page.waitForFunction(() => document.querySelector('[data-metric="billing.total_cost"]')?.parentElement.textContent.includes('EUR'), null, {
        timeout: WAIT_TIMEOUT,
      });
      await page.locator('[data-action="reset-prices"]').click();
      await expectMoney(page, 'billing.total_cost', '63.8', '63.80');
    });
  });

  test('the billing section at phone size', opts, async (t) => {
    await withPage(browser, t, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
      await openApp(page, `${url}?${BIG}&billing.packs=1&billing.payg=off`);
      await expectStopDay(page, 16);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at phone width`);
      await page.locator('.billing').scrollIntoViewIfNeeded();
      t.diagnostic(`screenshot: ${await screenshot(page, 'billing-phone.png')}`);
    });
  });
});
