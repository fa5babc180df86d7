// Whole-page tests of custom agents: starters, duplicating a reference agent, editing steps,
// licensed users, undoing a removal, and custom agents through links and saves.
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
  waitGone,
  waitStorageChange,
  waitVisible,
  withPage,
  useApp,
} from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };

describe('custom agents', () => {
  test('a question-answering agent from its starter; licensed users; agents.N figures in page order', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('[data-action="add-custom"][data-starter="qa"]').click();
      await waitVisible(page, 'section[data-custom="1"]', 'the custom agent card');
      // 1 classic (1) + 1 generative (2) + grounding in half the runs (10 × 0.5) = 8 a run.
      await expectMetrics(page, {
        'custom.1.credits_per_run': '8',
        'custom.1.credits_per_month': '8000',
        'agents.1.credits_per_month': '1180',
        'agents.2.credits_per_month': '5200',
        'agents.3.credits_per_run': '8',
        'agents.3.credits_per_month': '8000',
        'total.credits_per_month': '14380',
      });
      assert.match(
        await page.locator('[data-derivation="custom.1"]').innerText(),
        /\[1 \+ 2 \+ \(0\.5×10\)\] × 1,000 runs = 8,000 Copilot Credits\/month/,
      );
      // 60 % of runs by licensed users: only 40 % is billed.
      await setInput(page, 'custom.1.licensed_share', '60');
      await expectMetric(page, 'custom.1.credits_per_month', '3200');
      // Run by a trigger instead: everything is billed again.
      await page.locator('[data-input="custom.1.autonomous"]').selectOption('autonomous');
      await expectMetric(page, 'custom.1.credits_per_month', '8000');
      // What drives the bill lists the steps.
      assert.match(await page.locator('.drivers').innerText(), /Tenant graph grounding/);
      // A custom agent can be duplicated too: same figures, next in page order.
      await page.locator('section[data-custom="1"] [data-action="duplicate-agent"]').click();
      await expectMetrics(page, { 'custom.2.credits_per_month': '8000', 'agents.4.credits_per_month': '8000' });
      assert.match(await page.locator('section[data-custom="2"] h2').innerText(), /\(copy\)/);
      t.diagnostic(`screenshot: ${await screenshot(page, 'custom-agent.png')}`);
    });
  });

  test('duplicating the Payables agent gives its figures; editing a step changes them', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('section[data-agent="payables"] [data-action="duplicate-agent"]').click();
      await expectMetrics(page, { 'custom.1.credits_per_run': '52', 'custom.1.credits_per_month': '5200' });
      // Step 6 is "Process invoice line", per line: 10 lines make 77 a run, as the reference table.
      await setInput(page, 'custom.1.steps.5.items', '10');
      await expectMetric(page, 'custom.1.credits_per_run', '77');
      // Bill it per 100 flow actions instead, 100 actions a line: 10 × 100 × 0.13 = 130 for the step.
      await page.locator('[data-input="custom.1.steps.5.scenario"]').selectOption('4');
      await setInput(page, 'custom.1.steps.5.events', '100');
      await expectMetric(page, 'custom.1.credits_per_run', '157');
      // A bad value gets a message; the last valid figures stay.
      await setInput(page, 'custom.1.steps.5.share', '150');
      await waitVisible(page, '[data-error="custom.1.steps.5.share"]', 'the share error');
      await expectMetric(page, 'custom.1.credits_per_run', '157');
    });
  });

  test('typing in the middle of a field keeps the caret where it is, in every kind of field', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('[data-action="add-custom"][data-starter="qa"]').click();
      await waitVisible(page, 'section[data-custom="1"]', 'the new custom agent');
      // Each edit re-renders the step rows around the field being typed in: the field must keep
      // its text and caret (a re-render that resets the value sends the caret to the end).
      for (const key of [
        'custom.1.steps.0.name',
        'custom.1.steps.0.events',
        'custom.1.name',
        'custom.1.runs',
        'sales_order.requests',
        'billing.packs',
      ]) {
        const field = page.locator(`[data-input="${key}"]`);
        await field.click();
        await field.fill('123');
        await field.evaluate((el) => el.setSelectionRange(1, 1));
        await page.keyboard.type('4');
        await page.keyboard.type('5');
        const [value, caret] = await field.evaluate((el) => [el.value, el.selectionStart]);
        assert.equal(value, '14523', `${key}: the typed text`);
        assert.equal(caret, 3, `${key}: the caret after typing two characters at position 1`);
      }
      // And the figures follow what was typed: 14,523 requests at 11.8 credits a run.
      await expectMetric(page, 'sales_order.credits_per_month', '171371.4');
    });
  });

  test('removing an agent can be undone', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('[data-action="add-custom"][data-starter="autonomous"]').click();
      await expectMetric(page, 'custom.1.credits_per_run', '23.7');
      await page.locator('section[data-custom="1"] [data-action="remove-agent"]').click();
      await waitGone(page, 'section[data-custom="1"]', 'the removed custom agent');
      await waitVisible(page, '[data-testid="undo-bar"]', 'the undo bar');
      await page.locator('[data-action="undo-remove"]').click();
      await expectMetric(page, 'custom.1.credits_per_run', '23.7');
      await page.locator('section[data-agent="sales_order"] [data-action="remove-agent"]').click();
      await expectMetric(page, 'total.credits_per_month', '17050');
      await page.locator('[data-action="undo-remove"]').click();
      await expectMetric(page, 'total.credits_per_month', '18230');
    });
  });

  test('custom agents are saved and shared; names are text', opts, async (t) => {
    let link;
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await page.locator('[data-action="add-custom"][data-starter="blank"]').click();
      await setInput(page, 'custom.1.name', '<img src=x onerror=alert(1)> HR bot');
      await setInput(page, 'custom.1.runs', '250');
      await expectMetric(page, 'custom.1.credits_per_month', '500');
      const saved = parseSaved(await waitStorageChange(page, start));
      assert.equal(saved.plan.workload.custom.length, 1);
      assert.equal(await page.locator('section[data-custom] img').count(), 0, 'a name is never markup');
      assert.match(await page.locator('section[data-custom="1"] h2').innerText(), /<img src=x/);
      await page.locator('[data-action="copy-link"]').click();
      link = await page.locator('[data-testid="share-link"]').inputValue();
    });
    // Short enough to be written with readable keys, the name escaped.
    assert.ok(!link.includes('&s='), `readable, not compact: ${link}`);
    assert.ok(link.includes('&custom.1.name=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20HR%20bot&custom.1.runs=250'), link);
    await withPage(browser, t, async (page) => {
      await openApp(page, link);
      await expectMetrics(page, { 'custom.1.credits_per_month': '500', 'total.credits_per_month': '6880' });
      assert.match(await page.locator('section[data-custom="1"] h2').innerText(), /HR bot/);
    });
  });
});

describe('custom agents in links anyone can write', () => {
  // Each link names custom agents only, so each total is the custom agents' own.
  const cases = [
    {
      what: 'a question-answering agent from its starter',
      link: '?custom.1.starter=qa&custom.1.runs=1000',
      // classic 1 + generative 2 + grounding 10 × 50 % = 8 a run
      figures: { 'custom.1.credits_per_run': '8', 'custom.1.credits_per_month': '8000', 'total.credits_per_month': '8000' },
      inputs: { 'custom.1.runs': '1000', 'custom.1.name': 'Question-answering agent' },
    },
    {
      what: 'an interactive agent with a licensed share, items and a share of runs (the issue\'s example)',
      link:
        '#v=1&custom.1.name=Helpdesk&custom.1.runs=1000&custom.1.autonomous=off&custom.1.licensed_share=30' +
        '&custom.1.steps.1.scenario=generative_answer&custom.1.steps.1.events=1&custom.1.steps.1.items=3&custom.1.steps.1.share=25',
      // 1 × 3 items × 25 % × 70 % unlicensed × 2 credits = 1.05 a run
      figures: { 'custom.1.credits_per_run': '1.05', 'custom.1.credits_per_month': '1050', 'total.credits_per_month': '1050' },
      inputs: { 'custom.1.name': 'Helpdesk', 'custom.1.licensed_share': '30', 'custom.1.steps.0.items': '3', 'custom.1.steps.0.share': '25' },
    },
    {
      what: 'an autonomous agent with items and a share of runs, and a second agent',
      link:
        '?custom.1.name=Invoice%20bot&custom.1.runs=200&custom.1.autonomous=on&custom.1.licensed_share=90' +
        '&custom.1.steps.1.scenario=agent_action&custom.1.steps.2.scenario=content_processing&custom.1.steps.2.items=4' +
        '&custom.1.steps.2.share=50&custom.1.steps.3.scenario=agent_flow_actions&custom.1.steps.3.events=20' +
        '&custom.2.starter=qa&custom.2.runs=10',
      // action 5 + pages 8 × 4 × 50 % + 20 flow actions × 13 / 100 = 23.6 a run, no exemption
      figures: {
        'custom.1.credits_per_run': '23.6',
        'custom.1.credits_per_month': '4720',
        'custom.2.credits_per_month': '80',
        'total.credits_per_month': '4800',
      },
      inputs: { 'custom.1.name': 'Invoice bot', 'custom.1.steps.1.items': '4', 'custom.1.steps.2.events': '20' },
    },
  ];
  for (const c of cases) {
    test(`${c.what}: exact figures`, opts, async (t) => {
      await withPage(browser, t, async (page) => {
        await openApp(page, `${url}${c.link}`);
        await expectMetrics(page, c.figures);
        for (const [key, value] of Object.entries(c.inputs)) {
          assert.equal(await page.locator(`[data-input="${key}"]`).inputValue(), value, key);
        }
        assert.equal(await page.locator('section[data-agent]').count(), 0, 'no reference agent the link did not name');
        assert.equal(await page.locator('[data-notice="link-ignored"]').count(), 0, 'nothing ignored');
      });
    });
  }

  test('a custom agent embedded as a widget (agent=custom.N): its figures, its runs editable', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?embed=1&agent=custom.2&custom.1.starter=autonomous&custom.2.starter=qa&custom.2.runs=1000`);
      assert.equal(await page.locator('section[data-custom]').count(), 1);
      assert.match(await page.locator('section[data-custom="2"] h2').innerText(), /Question-answering agent/);
      await expectMetrics(page, { 'custom.2.credits_per_month': '8000', 'total.credits_per_month': '8000' });
      await setInput(page, 'custom.2.licensed_share', '50');
      await expectMetric(page, 'total.credits_per_month', '4000');
      await setInput(page, 'custom.2.runs', '10');
      await expectMetric(page, 'custom.2.credits_per_month', '40');
      const href = await page.locator('[data-action="open-full"]').getAttribute('href');
      assert.ok(href.includes('custom.1.runs=10&') && !href.includes('&s='), `the full page's link, readable: ${href}`);
      t.diagnostic(`screenshot: ${await screenshot(page, 'widget-custom.png')}`);
      // "Embed this" on the full page embeds the same agent.
      await openApp(page, `${url}?custom.1.starter=qa&custom.1.runs=10`);
      await page.locator('[data-action="embed-this"]').click();
      const snippet = await page.locator('[data-testid="embed-snippet"]').inputValue();
      assert.match(snippet, /\?embed=1&agent=custom\.1&v=1&agents=none&custom\.1\.name=Question-answering%20agent&custom\.1\.runs=10&/);
      await openApp(page, href);
      await expectMetrics(page, { 'custom.1.credits_per_month': '40', 'total.credits_per_month': '40' });
    });
  });
});
