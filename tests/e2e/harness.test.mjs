// Whole-page tests of custom agents on the GitHub Copilot harness: billed by usage (tasks ×
// credits per task + building and testing), from links, the starter, the upgrade of a standard
// agent, saves and the widget.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEST_TIMEOUT,
  expectMetric,
  expectMetrics,
  getStorage,
  openApp,
  parseSaved,
  screenshot,
  setInput,
  typeInput,
  waitStorageChange,
  waitVisible,
  withPage,
  useApp,
} from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };

// Issue 16's example: 200 tasks at 300 credits (100 to 500) with 5,000 credits of building and
// testing: 65,000 a month, from 25,000 to 105,000 (tests/custom.rs computes it by hand).
const LINK =
  '?custom.1.name=Research&custom.1.harness=github_copilot&custom.1.runs=200' +
  '&custom.1.credits_per_task=300&custom.1.credits_per_task.low=100&custom.1.credits_per_task.high=500' +
  '&custom.1.build_credits=5000';

describe('GitHub Copilot harness agents', () => {
  test('a harness link: tasks × credits per task + building and testing, with its range', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}${LINK}`);
      await expectMetrics(page, {
        'custom.1.credits_per_run': '300',
        'custom.1.credits_per_run.low': '100',
        'custom.1.credits_per_run.high': '500',
        'custom.1.credits_per_month': '65000',
        'custom.1.credits_per_month.low': '25000',
        'custom.1.credits_per_month.high': '105000',
        'total.credits_per_month': '65000',
        'total.credits_per_month.low': '25000',
        'total.credits_per_month.high': '105000',
      });
      const card = page.locator('section[data-custom="1"]');
      assert.match(await card.locator('.agent-product').innerText(), /GitHub Copilot harness, billed by usage/);
      assert.equal(await page.locator('[data-input="custom.1.harness"]').inputValue(), 'github_copilot');
      assert.equal(await page.locator('[data-input="custom.1.credits_per_task.low"]').inputValue(), '100');
      assert.equal(await page.locator('[data-input="custom.1.build_credits"]').inputValue(), '5000');
      // No licensed-user exemption here, and its steps are not billed: neither is shown.
      assert.equal(await page.locator('[data-input="custom.1.licensed_share"]').count(), 0);
      assert.ok(await card.locator('.custom-steps').isHidden(), 'the steps are hidden');
      assert.equal(
        await page.locator('[data-derivation="custom.1"]').innerText(),
        '200 tasks × 300 credits + 5,000 building and testing = 65,000 Copilot Credits/month',
      );
      // The overview names the harness.
      assert.match(await page.locator('th[data-harness="github_copilot"]').first().innerText(), /Research · GitHub Copilot harness/);
      // Where the credits per task come from: Microsoft's planning ranges, with the source.
      await card.locator('[data-harness-source] > summary').click();
      assert.match(await card.locator('[data-harness-source]').innerText(), /Light[\s\S]*100 to 300[\s\S]*Heavy[\s\S]*more than 500/);
      // Editing the usage moves the figures; a value outside its range is refused next to it.
      await typeInput(page, 'custom.1.build_credits', '1000');
      await expectMetric(page, 'custom.1.credits_per_month', '61000');
      await setInput(page, 'custom.1.credits_per_task', '600');
      await waitVisible(page, '[data-error="custom.1.credits_per_task"]', 'the message');
      assert.match(await page.locator('[data-error="custom.1.credits_per_task"]').innerText(), /at most the high value, 500/);
      await expectMetric(page, 'custom.1.credits_per_month', '61000');
      t.diagnostic(`screenshot: ${await screenshot(page, 'harness.png')}`);
    });
  });

  test('the starter, the upgrade of a standard agent side by side, switching back, saved as schema 5', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await page.locator('[data-action="add-custom"][data-starter="github_copilot"]').click();
      await waitVisible(page, 'section[data-custom="1"]', 'the harness agent');
      await expectMetrics(page, { 'custom.1.credits_per_month': '65000', 'total.credits_per_month': '71380' });
      await waitStorageChange(page, start);
      await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).schema === 5, 'agent-credits.v1');
      parseSaved(await getStorage(page), 5);
      // A question-answering agent (1,000 runs at 8 credits) against the same agent on the harness.
      await page.locator('[data-action="add-custom"][data-starter="qa"]').click();
      await waitVisible(page, 'section[data-custom="2"]', 'the standard agent');
      const upgrade = page.locator('[data-upgrade="2"]');
      await upgrade.locator('summary').click();
      await expectMetrics(page, {
        'custom.2.credits_per_month': '8000',
        'custom.2.upgrade.credits_per_run': '300',
        'custom.2.upgrade.credits_per_month': '300000',
      });
      assert.match(await upgrade.innerText(), /8,000[\s\S]*300,000\s+100,000 – 500,000/);
      await upgrade.locator('[data-action="upgrade-harness"]').click();
      await expectMetrics(page, { 'custom.2.credits_per_month': '300000', 'custom.2.credits_per_month.high': '500000' });
      assert.equal(await page.locator('[data-input="custom.2.harness"]').inputValue(), 'github_copilot');
      // Back to the standard harness: its steps bill again.
      await page.locator('[data-input="custom.2.harness"]').selectOption('standard');
      await expectMetric(page, 'custom.2.credits_per_month', '8000');
      assert.ok(await page.locator('section[data-custom="2"] .custom-steps').isVisible(), 'the steps are back');
      // Reloaded from the save, the harness agent is still on its harness.
      await page.reload();
      await page.waitForSelector('html[data-app="ready"][data-complete]', { state: 'attached' });
      await expectMetrics(page, { 'custom.1.credits_per_month': '65000', 'custom.2.credits_per_month': '8000' });
      // Shared: the link carries the harness and the usage.
      await page.locator('[data-action="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.ok(link.includes('&custom.1.harness=github_copilot&custom.1.credits_per_task=300&'), link);
      await openApp(page, link);
      await expectMetrics(page, { 'custom.1.credits_per_month': '65000', 'custom.2.credits_per_month': '8000' });
    });
  });

  test('credits per task from a mix of light, medium and heavy tasks', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}${LINK}`);
      await page.locator('[data-input="custom.1.mix"]').check();
      // The default mix: 50 % × 200 + 40 % × 400 + 10 % × 700 = 330 a task, from 200 to 700.
      await expectMetrics(page, {
        'custom.1.mix.heavy': '10',
        'custom.1.credits_per_run': '330',
        'custom.1.credits_per_month': '71000',
        'custom.1.credits_per_month.low': '45000',
        'custom.1.credits_per_month.high': '145000',
      });
      assert.ok(await page.locator('[data-input="custom.1.credits_per_task"]').isHidden(), 'the mix sets the credits per task');
      await typeInput(page, 'custom.1.mix.light', '60');
      // Light 60 with medium 40 leaves no heavy tasks: 120 + 160 = 280, from 200 to 400.
      await expectMetrics(page, { 'custom.1.mix.heavy': '0', 'custom.1.credits_per_run': '280' });
      await setInput(page, 'custom.1.mix.medium', '50');
      await waitVisible(page, '[data-error="custom.1.mix.medium"]', 'the share\'s message');
      assert.match(await page.locator('[data-error="custom.1.mix.medium"]').innerText(), /With 60 % of the other kind, enter at most 40 %/);
      await typeInput(page, 'custom.1.mix.medium', '30');
      await typeInput(page, 'custom.1.mix.heavy.credits', '1000');
      // 120 + 120 + 100 = 340, from 200 to 1,000 (tests/custom.rs computes it by hand).
      await expectMetrics(page, { 'custom.1.credits_per_run': '340', 'custom.1.credits_per_month': '73000', 'custom.1.credits_per_month.high': '205000' });
      assert.equal(
        await page.locator('[data-derivation="custom.1.mix"]').innerText(),
        'An average task: 60 % × 200 + 30 % × 400 + 10 % × 1,000 = 340 credits, from 200 to 1,000',
      );
      await page.locator('[data-action="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.ok(link.includes('&custom.1.mix=on&custom.1.mix.light=60&custom.1.mix.medium=30&'), link);
      await openApp(page, link);
      await expectMetric(page, 'custom.1.credits_per_run', '340');
      // Off again: its own credits per task.
      await page.locator('[data-input="custom.1.mix"]').uncheck();
      await expectMetric(page, 'custom.1.credits_per_run', '300');
      t.diagnostic(`screenshot: ${await screenshot(page, 'harness-mix.png')}`);
    });
  });

  test('a harness agent embedded as a widget: its tasks, credits per task and building, editable', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?embed=1&agent=custom.1&custom.1.starter=github_copilot`);
      await expectMetrics(page, {
        'custom.1.credits_per_run': '300',
        'total.credits_per_month': '65000',
        'total.credits_per_month.low': '25000',
        'total.credits_per_month.high': '105000',
      });
      await setInput(page, 'custom.1.credits_per_task', '400');
      await expectMetric(page, 'total.credits_per_month', '85000');
      await setInput(page, 'custom.1.build_credits', '0');
      await expectMetric(page, 'total.credits_per_month', '80000');
      assert.equal(await page.locator('[data-input="custom.1.licensed_share"]').count(), 0);
      t.diagnostic(`screenshot: ${await screenshot(page, 'widget-harness.png')}`);
    });
  });
});
