// Whole-page tests of ranges: low and high values beside the expected ones, read from links,
// typed into the page, checked against each other, and shown under every figure they change.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEST_TIMEOUT,
  expectMetric,
  expectMetrics,
  expectMoney,
  input,
  openApp,
  parseSaved,
  screenshot,
  setInput,
  typeInput,
  waitGone,
  waitStorageChange,
  waitVisible,
  withPage,
  useApp,
  getStorage,
} from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };
// The total's low and high case, under it in the glance.
const TOTAL_RANGE = '.figure-range:has([data-metric="total.credits_per_month.low"])';

// Computed by hand (tests/ranges.rs "a_range_example_computed_by_hand"): Sales Order 100
// requests (50 to 200) with 40 % attachments (20 % to 60 %); Payables 400 e-documents (300 to
// 600); pay-as-you-go at 0.01 USD a credit.
const LINK =
  '?sales_order.requests=100&sales_order.requests.low=50&sales_order.requests.high=200' +
  '&sales_order.attachment_rate=40&sales_order.attachment_rate.low=20&sales_order.attachment_rate.high=60' +
  '&payables.documents=400&payables.documents.low=300&payables.documents.high=600';

describe('ranges', () => {
  test('a range link: every figure with its low and high case, exact', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}${LINK}`);
      await expectMetrics(page, {
        'sales_order.credits_per_run': '11.8',
        'sales_order.credits_per_run.low': '10.4',
        'sales_order.credits_per_run.high': '13.2',
        'sales_order.credits_per_month.low': '520',
        'sales_order.credits_per_month.high': '2640',
        'payables.credits_per_month': '20800',
        'payables.credits_per_month.low': '15600',
        'payables.credits_per_month.high': '31200',
        'total.credits_per_month': '21980',
        'total.credits_per_month.low': '16120',
        'total.credits_per_month.high': '33840',
        'billing.payg_credits.high': '33840',
        'billing.unserved_credits.high': '0',
      });
      await expectMoney(page, 'billing.total_cost', '219.8', '219.80');
      await expectMoney(page, 'billing.total_cost.low', '161.2', '161.20');
      await expectMoney(page, 'billing.total_cost.high', '338.4', '338.40');
      await waitVisible(page, TOTAL_RANGE, 'the total\'s range');
      assert.match(await page.locator(TOTAL_RANGE).innerText(), /from 16,120 to 33,840/);
      for (const [key, value] of Object.entries({ 'payables.documents.low': '300', 'payables.documents.high': '600', 'payables.lines.low': '' })) {
        assert.equal(await input(page, key).inputValue(), value, key);
      }
      assert.equal(await page.locator('details[data-ranges="payables"]').getAttribute('open'), '', 'open: the agent has a range');
      // A figure the ranges do not move shows no range (its hooks still hold the values).
      await expectMetrics(page, { 'payables.credits_per_run.low': '52', 'payables.credits_per_run.high': '52' });
      assert.equal(await page.locator('section[data-agent="payables"] .figure-range:visible').count(), 1, 'only per month');
      // Printed, the ranges and the bill in each case are part of the summary.
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.locator(TOTAL_RANGE).isVisible(), 'the total\'s range in print');
      assert.ok(await page.locator('[data-bill-cases]').isVisible(), 'the month in each case in print');
      await page.emulateMedia({ media: 'screen' });
      // The printed proposal (written before printing) carries the ranges and each case.
      const proposal = await page.evaluate(() => {
        dispatchEvent(new Event('beforeprint'));
        const rows = (id) => [...document.querySelectorAll(`.print-proposal table[data-table="${id}"] tr`)].map((tr) => [...tr.cells].map((c) => c.textContent));
        return { summary: rows('summary'), cases: rows('cases') };
      });
      assert.deepEqual(proposal.summary[0], ['Copilot Credits a month', '21,980 (from 16,120 to 33,840)']);
      assert.deepEqual(proposal.cases, [
        ['', 'Low', 'Expected', 'High'],
        ['Copilot Credits a month', '16,120', '21,980', '33,840'],
        ['Cost a month', '161.20 USD', '219.80 USD', '338.40 USD'],
      ]);
      // The month's bill in each case, side by side.
      await waitVisible(page, '[data-bill-cases]', 'the bill in each case');
      const rows = await page.locator('[data-bill-cases] tbody tr').evaluateAll((trs) =>
        Object.fromEntries(trs.map((tr) => [tr.cells[0].innerText, [...tr.cells].slice(1).map((c) => c.innerText)])),
      );
      assert.deepEqual(rows['Credits the agents use'], ['16,120', '21,980', '33,840']);
      assert.deepEqual(rows.Cost, ['161.20 USD', '219.80 USD', '338.40 USD']);
      assert.deepEqual(rows['Agents stop on'], ['never', 'never', 'never']);
      // Packs that survive the range (25,000 credits for 200 USD a pack, 0.01 USD a credit): one
      // pack is cheapest for the expected 21,980 (a pack pays off from 20,000), with the high
      // case's 8,840 extra credits on pay-as-you-go; two packs cover the high case's 33,840.
      await expectMetrics(page, { 'billing.range.cheapest_packs': '1', 'billing.range.never_stop_packs': '2' });
      const choices = await page.locator('[data-bill-cases] table').nth(1).locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.cells].slice(2).map((c) => c.innerText)),
      );
      // Low, expected, high, and the expected cost (the expected case's by default).
      assert.deepEqual(choices, [
        ['200.00 USD', '200.00 USD', '288.40 USD', '200.00 USD'],
        ['400.00 USD', '400.00 USD', '400.00 USD', '400.00 USD'],
      ]);
      await expectMetrics(page, { 'billing.range.weight.expected': '100' });
      await expectMoney(page, 'billing.range.expected_cost', '219.8', '219.80');
      t.diagnostic(`screenshot: ${await screenshot(page, 'ranges.png')}`);
    });
  });

  test('a weighted expected cost: typed weights, the cheapest packs for it, the derivation, the year\'s band', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}${LINK}`);
      // The cases cost 161.20, 219.80 and 338.40 USD on pay-as-you-go.
      await typeInput(page, 'billing.range.weight.low', '25');
      await expectMetric(page, 'billing.range.weight.expected', '75');
      await expectMoney(page, 'billing.range.expected_cost', '205.15', '205.15 USD');
      await typeInput(page, 'billing.range.weight.high', '25');
      // 25 % × 161.20 + 50 % × 219.80 + 25 % × 338.40.
      await expectMoney(page, 'billing.range.expected_cost', '234.8', '234.80 USD');
      assert.equal(
        await page.locator('[data-derivation="billing.range.expected_cost"]').innerText(),
        'Expected cost: 25 % × 161.20 (low) + 50 % × 219.80 (expected) + 25 % × 338.40 (high) = 234.80 USD a month',
      );
      // One pack: 25 % × 200 + 50 % × 200 + 25 % × 288.40 = 222.10, below none (234.80) and two (400).
      await expectMetric(page, 'billing.range.cheapest_packs', '1');
      const cheapest = await page.locator('[data-bill-cases] table').nth(1).locator('tbody tr').first().evaluate((tr) => tr.cells[5].innerText);
      assert.equal(cheapest, '222.10 USD');
      // The bill's derivation ends with the same line.
      await page.locator('details.breakdown > summary', { hasText: 'How the bill is calculated' }).click();
      await waitVisible(page, '.bill-lines li:last-child', 'the derivation');
      assert.match(await page.locator('.bill-lines li').last().innerText(), /^Expected cost: 25 % × 161\.20 \(low\)/);
      // A weight that leaves no room for the other: refused next to it, the last mix stays.
      await setInput(page, 'billing.range.weight.high', '80');
      await waitVisible(page, '[data-error="billing.range.weight.high"]', 'the weight\'s message');
      assert.match(await page.locator('[data-error="billing.range.weight.high"]').innerText(), /other case at 25 %, enter at most 75 %/);
      await expectMoney(page, 'billing.range.expected_cost', '234.8', '234.80 USD');
      // Lowering the other weight makes it valid: applied, nothing typed lost.
      await typeInput(page, 'billing.range.weight.low', '20');
      await waitGone(page, '[data-error="billing.range.weight.high"]', 'the message once the two fit');
      await expectMetric(page, 'billing.range.weight.expected', '0');
      // 20 % × 161.20 + 80 % × 338.40.
      await expectMoney(page, 'billing.range.expected_cost', '302.96', '302.96 USD');
      // The twelve months: your settings' cost from the low to the high case, on the chart and
      // in the table (flat growth: twelve equal months).
      await expectMoney(page, 'billing.year.yours_cost.low', '1934.4', '1,934.40');
      await expectMoney(page, 'billing.year.yours_cost.high', '4060.8', '4,060.80');
      assert.equal(await page.locator('.year-chart [data-whisker]').count(), 12);
      assert.match(await page.locator('.year-chart [data-whisker="1"] title').textContent(), /from 161\.20 to 338\.40/);
      const first = await page.locator('.year-table tbody tr').first().evaluate((tr) => [tr.cells[1].innerText, tr.cells[5].innerText]);
      assert.deepEqual(first.map((c) => c.replace(/\s+/g, ' ')), ['21,980 16,120 – 33,840', '219.80 161.20 – 338.40']);
      // The weights travel in the link.
      await page.locator('[data-action="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.ok(link.includes('&billing.range.weight.low=20&billing.range.weight.high=80'), link);
      await openApp(page, link);
      await expectMoney(page, 'billing.range.expected_cost', '302.96', '302.96 USD');
      t.diagnostic(`screenshot: ${await screenshot(page, 'ranges-weights.png')}`);
    });
  });

  test('without ranges, the low and high cases are the expected figures, and hidden', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await expectMetrics(page, { 'total.credits_per_month.low': '6380', 'total.credits_per_month.high': '6380' });
      assert.equal(await page.locator('.figure-range:visible').count(), 0);
      assert.equal(await page.locator('[data-bill-cases]:visible').count(), 0, 'no table of cases');
      assert.equal(await page.locator('details[data-ranges="payables"][open]').count(), 0, 'folded');
    });
  });

  test('typed ranges: low <= expected <= high, each wrong value explained next to its field; saved and shared', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await page.locator('details[data-ranges="payables"] > summary').click();
      await typeInput(page, 'payables.documents.high', '250');
      await expectMetrics(page, { 'payables.credits_per_month.high': '13000', 'total.credits_per_month.high': '14180' });
      await waitVisible(page, TOTAL_RANGE, 'the range under the total');
      // A low value above the expected one: refused, said, and the figures held back.
      await setInput(page, 'payables.documents.low', '150');
      await waitVisible(page, '[data-error="payables.documents.low"]', 'the low field\'s message');
      assert.match(await page.locator('[data-error="payables.documents.low"]').innerText(), /can't be above the expected value, 100/);
      assert.equal(await page.locator('[data-metric="payables.credits_per_month"]').getAttribute('data-stale'), 'true');
      await expectMetric(page, 'total.credits_per_month.low', '6380');
      // Raising the expected value makes the low one valid: it applies, nothing typed is lost.
      await typeInput(page, 'payables.documents', '200');
      await waitGone(page, '[data-error="payables.documents.low"]', 'the message once the order holds');
      await expectMetrics(page, {
        'payables.credits_per_month': '10400',
        'payables.credits_per_month.low': '7800',
        'payables.credits_per_month.high': '13000',
      });
      // An expected value above the high one: refused next to the expected field.
      await typeInput(page, 'payables.documents', '300');
      await waitVisible(page, '[data-error="payables.documents"]', 'the expected field\'s message');
      assert.match(await page.locator('[data-error="payables.documents"]').innerText(), /at most the high value, 250/);
      await expectMetric(page, 'payables.credits_per_month', '10400');
      await typeInput(page, 'payables.documents', '200');
      await waitGone(page, '[data-error="payables.documents"]');
      // Saved (schema 4), and on a link.
      // Saved as schema 4 once the estimate has ranges; the last save holds the last values.
      let raw = await waitStorageChange(page, start);
      await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).plan.workload.agents.some((a) => a.values.documents === '200'), 'agent-credits.v1');
      raw = await getStorage(page);
      parseSaved(raw, 4);
      await page.locator('[data-action="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.ok(link.includes('&payables.documents=200&payables.documents.low=150&payables.documents.high=250'), link);
      await page.reload();
      await page.waitForSelector('html[data-app="ready"][data-complete]', { state: 'attached' });
      await expectMetrics(page, { 'payables.credits_per_month.low': '7800', 'payables.credits_per_month.high': '13000' });
      await openApp(page, link);
      await expectMetrics(page, { 'payables.credits_per_month.low': '7800', 'payables.credits_per_month.high': '13000' });
    });
  });

  test('a link whose low value is above its expected one: ignored with a notice, the rest applies', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?payables.documents=100&payables.documents.low=150&payables.documents.high=300`);
      await waitVisible(page, '[data-notice="link-ignored"]', 'the notice');
      assert.match(await page.locator('[data-notice="link-ignored"]').innerText(), /payables\.documents\.low/);
      await expectMetrics(page, { 'payables.credits_per_month.low': '5200', 'payables.credits_per_month.high': '15600' });
    });
  });

  test('the widget shows a link\'s ranges and keeps a typed value inside them', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?embed=1&agent=payables&payables.documents=400&payables.documents.low=300&payables.documents.high=600`);
      await expectMetrics(page, {
        'payables.credits_per_month.low': '15600',
        'payables.credits_per_month.high': '31200',
        'total.credits_per_month.low': '15600',
        'total.credits_per_month.high': '31200',
      });
      await expectMoney(page, 'billing.total_cost.low', '156', '156.00');
      await expectMoney(page, 'billing.total_cost.high', '312', '312.00');
      await setInput(page, 'payables.documents', '700');
      await waitVisible(page, '[data-error="payables.documents"]', 'the message');
      assert.match(await page.locator('[data-error="payables.documents"]').innerText(), /at most the high value, 600/);
      assert.equal(await page.locator('[data-metric="total.credits_per_month.high"]').getAttribute('data-stale'), 'true');
      await setInput(page, 'payables.documents', '500');
      await expectMetrics(page, { 'total.credits_per_month': '26000', 'total.credits_per_month.high': '31200' });
      const href = await page.locator('[data-action="open-full"]').getAttribute('href');
      assert.ok(href.includes('payables.documents=500&payables.documents.low=300&payables.documents.high=600'), href);
    });
  });

  test('a custom agent\'s runs and steps take low and high values too', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?custom.1.starter=qa&custom.1.runs=1000`);
      await expectMetric(page, 'custom.1.credits_per_month', '8000');
      // Grounding in 20 % to 50 % of runs (expected 50 %), 500 to 1,000 runs (expected 1,000):
      // low 500 × (1 + 2 + 10 × 0.2) = 2,500; high = expected = 8,000.
      const step = page.locator('section[data-custom="1"] .step-ranges').nth(2);
      await step.locator('summary').click();
      await setInput(page, 'custom.1.steps.2.share.low', '20');
      await setInput(page, 'custom.1.runs.low', '500');
      await expectMetrics(page, {
        'custom.1.credits_per_run.low': '5',
        'custom.1.credits_per_month.low': '2500',
        'custom.1.credits_per_month.high': '8000',
        'total.credits_per_month.low': '2500',
      });
      // A low share above the expected one is refused next to its field.
      await setInput(page, 'custom.1.steps.2.share.low', '60');
      await waitVisible(page, '[data-error="custom.1.steps.2.share.low"]', 'the message');
      await expectMetric(page, 'custom.1.credits_per_month.low', '2500');
      await setInput(page, 'custom.1.steps.2.share.low', '20');
      await page.locator('[data-action="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.ok(link.includes('&custom.1.runs.low=500&') && /&custom\.1\.steps\.2\.share\.low=20(&|$)/.test(link), link);
      t.diagnostic(`screenshot: ${await screenshot(page, 'ranges-custom.png')}`);
    });
  });
});
