// Whole-page tests of the agent-credits calculator, driven through Debian's Chromium.
// Serves the release build (dist/, or $DIST) on 127.0.0.1 and checks the page's public DOM
// contract: [data-input], [data-metric] outputs, [data-error], notices, links, saved state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TOTAL,
  DEFAULT_INPUTS,
  DEFAULT_METRICS,
  INPUT_KEYS,
  LINES_TABLE,
  METRIC_KEYS,
  STORAGE_KEY,
  TEST_TIMEOUT,
  UNREADABLE_KEY,
  WAIT_TIMEOUT,
  clip,
  expectAgents,
  expectInputs,
  expectMetric,
  expectMetrics,
  expectNoMetric,
  getStorage,
  input,
  metricValues,
  openApp,
  parseSaved,
  screenshot,
  seedStorage,
  setInput,
  storageThrows,
  typeInput,
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

const BANNER = '[data-testid="shared-banner"]';
const SAVE_SHARED = `${BANNER} [data-action="save-shared"]`;
const BACK_TO_MINE = `${BANNER} [data-action="back-to-mine"]`;

/** No [data-error], no notice, no banner: a clean page. */
async function expectCleanPage(page) {
  const extra = await page.evaluate(() =>
    [...document.querySelectorAll('[data-error], [data-notice], [data-testid="shared-banner"]')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => el.outerHTML),
  );
  assert.deepEqual(extra, [], 'no error, notice or shared banner expected on this page');
}

describe('defaults', () => {
  test('a first visit shows both agents with the reference figures', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await expectAgents(page, { sales_order: true, payables: true });
      await expectInputs(page, DEFAULT_INPUTS);
      await expectMetrics(page, DEFAULT_METRICS);
      // Text is en-US formatted: 1,180 / 5,200 / 6,380 (checked inside expectMetric).
      for (const [n, v] of Object.entries(LINES_TABLE)) {
        await expectMetric(page, `payables.lines.${n}.credits_per_run`, v);
      }
      // The lines table has exactly the five standard rows when lines is one of them.
      const rows = Object.keys(await metricValues(page)).filter((k) => /^payables\.lines\./.test(k));
      assert.deepEqual(
        rows.sort(),
        Object.keys(LINES_TABLE).map((n) => `payables.lines.${n}.credits_per_run`).sort(),
        'lines table rows',
      );
      // Inputs are text fields with a decimal keypad.
      for (const key of INPUT_KEYS) {
        const el = input(page, key);
        assert.equal(await el.getAttribute('type'), 'text', `${key} type`);
        assert.equal(await el.getAttribute('inputmode'), 'decimal', `${key} inputmode`);
      }
      // Each agent section has its remove button and holds its own inputs and figures.
      for (const agent of ['sales_order', 'payables']) {
        const section = page.locator(`section[data-agent="${agent}"]`);
        assert.equal(await section.locator('[data-action="remove-agent"]').count(), 1, `${agent} remove button`);
        assert.equal(
          await section.locator(`fieldset.inputs [data-input^="${agent}."]`).count(),
          3,
          `${agent} section should hold its three inputs`,
        );
        // And, folded under "Low and high values", a low and a high value for each.
        assert.equal(await section.locator(`details[data-ranges] [data-input^="${agent}."]`).count(), 6, `${agent} range fields`);
        assert.equal(
          await section.locator(`[data-metric="${agent}.credits_per_month"]`).count(),
          1,
          `${agent} section should hold its monthly figure`,
        );
      }
      await expectCleanPage(page);
      // Nothing is saved before the user edits anything — or if it is, it is well formed.
      const saved = await getStorage(page);
      if (saved !== null) parseSaved(saved);
    });
  });
});

describe('editing', () => {
  test('typing updates the figures as you type', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);

      await typeInput(page, 'sales_order.requests', '200');
      await expectMetrics(page, {
        'sales_order.credits_per_run': '11.8',
        'sales_order.credits_per_month': '2360',
        'total.credits_per_month': '7560',
      });

      await typeInput(page, 'payables.lines', '10');
      await expectMetrics(page, {
        'payables.credits_per_run': '77',
        'payables.credits_per_month': '7700',
        'total.credits_per_month': '10060',
      });
      await expectInputs(page, { 'sales_order.requests': '200', 'payables.lines': '10' });
    });
  });

  test('exact decimals: attachment rate and large volumes', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      // 9 + 0.25 × 7 = 10.75 per run; × 250 = 2,687.5
      await setInput(page, 'sales_order.attachment_rate', '25');
      await setInput(page, 'sales_order.requests', '250');
      await expectMetrics(page, {
        'sales_order.credits_per_run': '10.75',
        'sales_order.credits_per_month': '2687.5',
        'total.credits_per_month': '7887.5',
      });
      // 9 + 0.33 × 7 = 11.31
      await setInput(page, 'sales_order.attachment_rate', '33');
      await setInput(page, 'sales_order.requests', '100');
      await expectMetrics(page, {
        'sales_order.credits_per_run': '11.31',
        'sales_order.credits_per_month': '1131',
      });
      // Cases where naive binary floating point shows 969.9999999999999 and 70.35000000000001.
      await setInput(page, 'sales_order.attachment_rate', '10');
      await expectMetrics(page, { 'sales_order.credits_per_run': '9.7', 'sales_order.credits_per_month': '970' });
      await setInput(page, 'sales_order.attachment_rate', '15');
      await setInput(page, 'sales_order.requests', '7');
      await expectMetrics(page, { 'sales_order.credits_per_run': '10.05', 'sales_order.credits_per_month': '70.35' });
      await setInput(page, 'sales_order.requests', '100');
      await setInput(page, 'sales_order.attachment_rate', '0');
      await expectMetrics(page, { 'sales_order.credits_per_run': '9', 'sales_order.credits_per_month': '900' });
      await setInput(page, 'sales_order.attachment_rate', '100');
      await expectMetrics(page, { 'sales_order.credits_per_run': '16', 'sales_order.credits_per_month': '1600' });

      // The largest allowed counts: 27 + 5 × 10000 + 5 × 9999 = 100,022 per run; × 1e8 per month.
      await setInput(page, 'payables.documents', '100000000');
      await setInput(page, 'payables.lines', '10000');
      await setInput(page, 'payables.attachments', '10000');
      await expectMetrics(page, {
        'payables.credits_per_run': '100022',
        'payables.credits_per_month': '10002200000000',
        'total.credits_per_month': '10002200001600',
      });
    });
  });

  test('the lines table follows attachments and shows the user\'s own line count', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await setInput(page, 'payables.lines', '7');
      await expectMetrics(page, {
        'payables.credits_per_run': '62',
        'payables.credits_per_month': '6200',
        'payables.lines.7.credits_per_run': '62',
      });
      for (const [n, v] of Object.entries(LINES_TABLE)) {
        await expectMetric(page, `payables.lines.${n}.credits_per_run`, v);
      }
      // Back to a standard count: the extra row goes away.
      await setInput(page, 'payables.lines', '10');
      await expectMetric(page, 'payables.credits_per_run', '77');
      await page
        .waitForSelector('[data-metric="payables.lines.7.credits_per_run"]', { state: 'detached' })
        .catch(() => {});
      await expectNoMetric(page, 'payables.lines.7.credits_per_run');
      // Each extra attachment adds 5 credits per run, in the table too.
      await setInput(page, 'payables.attachments', '3');
      await expectMetrics(page, {
        'payables.credits_per_run': '87',
        'payables.credits_per_month': '8700',
        'payables.lines.1.credits_per_run': '42',
        'payables.lines.5.credits_per_run': '62',
        'payables.lines.10.credits_per_run': '87',
        'payables.lines.25.credits_per_run': '162',
        'payables.lines.50.credits_per_run': '287',
      });
    });
  });

  test('an agent\'s derivation is built when opened, adds up to its per-run figure and follows edits', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const card = 'section[data-agent="payables"]';
      const rows = `${card} details.breakdown tbody tr`;
      // Closed, it costs nothing at startup: no rows until it is opened.
      assert.equal(await page.locator(rows).count(), 0, 'the closed derivation should not be built');
      await page.locator(`${card} details.breakdown > summary`).click();
      await page.locator(rows).first().waitFor({ timeout: WAIT_TIMEOUT });
      // Each row's credits per run (the last column) add up to the average run in the footer,
      // which is the card's per-run figure.
      const derivation = async () =>
        page.evaluate((sel) => {
          const num = (el) => Number(el.textContent.replace(/,/g, ''));
          const body = [...document.querySelectorAll(`${sel} details.breakdown tbody tr`)];
          const foot = document.querySelector(`${sel} details.breakdown tfoot td.num`);
          return {
            rows: body.length,
            sum: body.reduce((acc, tr) => acc + num(tr.lastElementChild), 0),
            total: num(foot),
          };
        }, card);
      let d = await derivation();
      assert.ok(d.rows >= 3, `expected the payables features as rows, got ${d.rows}`);
      assert.equal(d.total, 52, 'the average run of the reference payables agent');
      assert.ok(Math.abs(d.sum - d.total) < 1e-9, `rows add up to ${d.sum}, footer says ${d.total}`);
      // What drives each count, in words: one attachment is singular, five lines plural.
      const happens = await page.locator(`${rows} td:nth-of-type(3)`).allInnerTexts();
      assert.ok(happens.includes('1 attachment'), happens.join(' | '));
      assert.ok(happens.includes('5 lines'), happens.join(' | '));
      // Open, it follows an edit.
      await setInput(page, 'payables.lines', '10');
      await expectMetric(page, 'payables.credits_per_run', '77');
      await page.waitForFunction(
        (sel) => document.querySelector(`${sel} details.breakdown tfoot td.num`)?.textContent === '77',
        card,
        { timeout: WAIT_TIMEOUT },
      );
      d = await derivation();
      assert.ok(Math.abs(d.sum - 77) < 1e-9, `rows add up to ${d.sum} after the edit, expected 77`);
      // Closing and opening again keeps it.
      await page.locator(`${card} details.breakdown > summary`).click();
      await page.locator(`${card} details.breakdown > summary`).click();
      assert.equal((await derivation()).total, 77);
    });
  });

  test('an agent can be removed and added back', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await page.locator('section[data-agent="payables"] [data-action="remove-agent"]').click();
      await expectAgents(page, { sales_order: true, payables: false });
      await expectMetric(page, 'total.credits_per_month', '1180');
      await expectNoMetric(page, 'payables.credits_per_month');

      const add = page.locator('[data-action="add-agent"][data-agent="payables"]');
      await waitVisible(page, '[data-action="add-agent"][data-agent="payables"]', 'the add-agent button for payables');
      // The removal is part of the saved estimate.
      await waitStorageChange(page, start);
      await openApp(page, url);
      await expectAgents(page, { sales_order: true, payables: false });
      await expectMetric(page, 'total.credits_per_month', '1180');

      await add.click();
      await expectAgents(page, { sales_order: true, payables: true });
      await expectMetrics(page, { 'payables.credits_per_month': '5200', 'total.credits_per_month': DEFAULT_TOTAL });
    });
  });
});

describe('invalid input', () => {
  // Every field, with the bad values of the brief. Each bad value shows an error next to its
  // field, keeps the typed text and the last valid figures; a correct value clears the error.
  const COMMON = ['', '-5', 'abc', '1e400', '999999999999'];
  const CASES = [
    {
      key: 'sales_order.requests',
      bad: [...COMMON, '2.5', '100000001'],
      fix: '200',
      fixed: { 'sales_order.credits_per_month': '2360', 'total.credits_per_month': '7560' },
    },
    {
      key: 'sales_order.attachment_rate',
      bad: [...COMMON, '250', '100.5'],
      fix: '50',
      fixed: { 'sales_order.credits_per_run': '12.5', 'sales_order.credits_per_month': '1250' },
    },
    {
      key: 'sales_order.attachments',
      bad: [...COMMON, '2.5', '10001'],
      fix: '1',
      fixed: DEFAULT_METRICS,
    },
    {
      key: 'payables.documents',
      bad: [...COMMON, '2.5', '100000001'],
      fix: '300',
      fixed: { 'payables.credits_per_month': '15600', 'total.credits_per_month': '16780' },
    },
    {
      key: 'payables.lines',
      bad: [...COMMON, '2.5', '10001'],
      fix: '10',
      fixed: { 'payables.credits_per_run': '77', 'payables.credits_per_month': '7700' },
    },
    {
      key: 'payables.attachments',
      bad: [...COMMON, '2.5', '10001'],
      fix: '2',
      fixed: { 'payables.credits_per_run': '57', 'payables.credits_per_month': '5700' },
    },
  ];

  for (const c of CASES) {
    test(`${c.key}: bad values show an error and keep the last valid figures`, opts, async (t) => {
      await withPage(browser, t, async (page) => {
        await openApp(page, url);
        const before = await metricValues(page);
        for (const key of METRIC_KEYS) assert.ok(before[key], `metric ${key} missing before edits`);
        const errSel = `[data-error="${c.key}"]`;

        for (const bad of c.bad) {
          const what = `${c.key} = ${JSON.stringify(bad)}`;
          await setInput(page, c.key, bad);
          await waitVisible(page, errSel, `the error for ${what}`);
          const err = await page.locator(errSel).evaluate((el) => ({
            role: el.getAttribute('role'),
            text: el.textContent.trim(),
            html: el.outerHTML,
          }));
          assert.equal(err.role, 'alert', `${what}: error should have role=alert: ${clip(err.html)}`);
          assert.ok(err.text.length >= 5, `${what}: error needs a human message, got ${clip(err.html)}`);
          assert.doesNotMatch(
            err.text,
            /Parse(Int|Float)Error|Err\(|Ok\(|Some\(|\bNone\b|undefined|NaN|panicked|kind:/,
            `${what}: error message looks like a debug string: ${clip(err.text)}`,
          );
          // Next to its field: the smallest element holding both the error and the field holds no other field.
          const near = await page.evaluate(
            ([k, s]) => {
              const inp = document.querySelector(`[data-input="${k}"]`);
              const er = document.querySelector(s);
              let a = inp.parentElement;
              while (a && !a.contains(er)) a = a.parentElement;
              return a ? a.querySelectorAll('[data-input]').length : -1;
            },
            [c.key, errSel],
          );
          assert.equal(near, 1, `${what}: the error should sit next to its own field (shared container holds ${near} fields)`);
          // The field keeps the typed text; only this field is in error.
          assert.equal(await input(page, c.key).inputValue(), bad, `${what}: the field should keep the typed text`);
          const visibleErrors = await page.evaluate(() =>
            [...document.querySelectorAll('[data-error]')]
              .filter((el) => el.getClientRects().length > 0)
              .map((el) => el.getAttribute('data-error')),
          );
          assert.deepEqual(visibleErrors, [c.key], `${what}: only this field should show an error`);
          // The figures keep the last valid estimate.
          const now = await metricValues(page);
          for (const key of METRIC_KEYS) {
            assert.equal(now[key], before[key], `${what}: ${key} should keep the last valid value`);
          }
        }

        // Correcting the value clears the error and the figures follow it.
        await setInput(page, c.key, c.fix);
        await waitGone(page, errSel, `the error for ${c.key} after typing ${c.fix}`);
        await expectMetrics(page, c.fixed);
      });
    });
  }

  test('a field in error does not block the others; the save keeps the last valid value and the text as typed', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await setInput(page, 'sales_order.requests', '150');
      await expectMetric(page, 'sales_order.credits_per_month', '1770');
      const with150 = await waitStorageChange(page, start);
      await setInput(page, 'sales_order.requests', 'abc');
      await waitVisible(page, '[data-error="sales_order.requests"]');
      await setInput(page, 'payables.lines', '10');
      await expectMetrics(page, {
        'sales_order.credits_per_month': '1770',
        'payables.credits_per_month': '7700',
        'total.credits_per_month': '9470',
      });
      await waitVisible(page, '[data-error="sales_order.requests"]', 'the requests error after editing another field');
      assert.equal(await input(page, 'sales_order.requests').inputValue(), 'abc');
      // The save of lines = 10: requests keeps its last valid 150 in the plan, and the text as
      // typed beside it, so a reload shows the same field, message and figures.
      const saved = JSON.parse(await waitStorageChange(page, with150));
      assert.deepEqual(saved.drafts, [['sales_order.requests', 'abc']]);
      await openApp(page, url);
      await expectInputs(page, { 'sales_order.requests': 'abc', 'payables.lines': '10' });
      await waitVisible(page, '[data-error="sales_order.requests"]', 'the requests error after a reload');
      await expectMetric(page, 'total.credits_per_month', '9470');
    });
  });
});

describe('links', () => {
  test('/?payables.documents=100&payables.lines=5 shows payables only', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?payables.documents=100&payables.lines=5`);
      await expectAgents(page, { sales_order: false, payables: true });
      await expectMetrics(page, {
        'payables.credits_per_run': '52',
        'payables.credits_per_month': '5200',
        'total.credits_per_month': '5200',
      });
      await expectNoMetric(page, 'sales_order.credits_per_month');
      await waitVisible(page, '[data-action="add-agent"][data-agent="sales_order"]', 'the add-agent button for sales_order');
      await waitVisible(page, BANNER, 'the shared-link banner');
    });
  });

  test('/?sales_order.requests=100&sales_order.attachment_rate=40 shows the sales order agent only', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?sales_order.requests=100&sales_order.attachment_rate=40`);
      await expectAgents(page, { sales_order: true, payables: false });
      await expectInputs(page, { 'sales_order.requests': '100', 'sales_order.attachment_rate': '40' });
      await expectMetrics(page, {
        'sales_order.credits_per_run': '11.8',
        'sales_order.credits_per_month': '1180',
        'total.credits_per_month': '1180',
      });
      await expectNoMetric(page, 'payables.credits_per_month');
      await waitVisible(page, BANNER, 'the shared-link banner');
    });
  });

  test('a link with other values applies them', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?payables.documents=40&payables.lines=25&payables.attachments=2`);
      await expectInputs(page, { 'payables.documents': '40', 'payables.lines': '25', 'payables.attachments': '2' });
      await expectMetrics(page, {
        'payables.credits_per_run': '157',
        'payables.credits_per_month': '6280',
        'total.credits_per_month': '6280',
      });
    });
  });

  test('/?v=1 shows the defaults silently', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?v=1`);
      await expectAgents(page, { sales_order: true, payables: true });
      await expectInputs(page, DEFAULT_INPUTS);
      await expectMetrics(page, DEFAULT_METRICS);
      await expectCleanPage(page);
    });
  });

  test('bad values and unknown keys in a link are ignored with a notice; the rest applies', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?payables.documents=200&payables.lines=abc&bogus=1`);
      await waitVisible(page, '[data-notice="link-ignored"]', 'the link-ignored notice');
      const text = await page.locator('[data-notice="link-ignored"]').innerText();
      assert.match(text, /payables\.lines/, `the notice should name payables.lines: ${clip(text)}`);
      assert.match(text, /bogus/, `the notice should name bogus: ${clip(text)}`);
      await expectAgents(page, { sales_order: false, payables: true });
      await expectInputs(page, { 'payables.documents': '200', 'payables.lines': '5' });
      await expectMetrics(page, {
        'payables.credits_per_run': '52',
        'payables.credits_per_month': '10400',
        'total.credits_per_month': '10400',
      });
    });
  });

  test('an out-of-range percent in a link is ignored with a notice', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?sales_order.requests=200&sales_order.attachment_rate=250`);
      await waitVisible(page, '[data-notice="link-ignored"]', 'the link-ignored notice');
      const text = await page.locator('[data-notice="link-ignored"]').innerText();
      assert.match(text, /sales_order\.attachment_rate/, `the notice should name the key: ${clip(text)}`);
      await expectMetrics(page, {
        'sales_order.credits_per_run': '11.8',
        'sales_order.credits_per_month': '2360',
        'total.credits_per_month': '2360',
      });
    });
  });
});

describe('saved state', () => {
  test('edits are saved and survive a reload', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await setInput(page, 'sales_order.requests', '250');
      await expectMetric(page, 'sales_order.credits_per_month', '2950');
      let saved = await waitStorageChange(page, start);
      await setInput(page, 'payables.lines', '10');
      await expectMetric(page, 'payables.credits_per_month', '7700');
      saved = await waitStorageChange(page, saved);
      parseSaved(saved);

      await openApp(page, url);
      await expectInputs(page, { ...DEFAULT_INPUTS, 'sales_order.requests': '250', 'payables.lines': '10' });
      await expectMetrics(page, {
        'sales_order.credits_per_month': '2950',
        'payables.credits_per_month': '7700',
        'total.credits_per_month': '10650',
      });
      await expectCleanPage(page);
    });
  });

  test('opening a link never changes the saved estimate; Back to my estimate restores it', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await setInput(page, 'sales_order.requests', '300');
      await expectMetric(page, 'sales_order.credits_per_month', '3540');
      const mine = await waitStorageChange(page, start);
      parseSaved(mine);

      await openApp(page, `${url}?payables.documents=100&payables.lines=5`);
      await waitVisible(page, BANNER, 'the shared-link banner');
      await waitVisible(page, SAVE_SHARED, 'the Save as my estimate button');
      await waitVisible(page, BACK_TO_MINE, 'the Back to my estimate button');
      assert.match(await page.locator(SAVE_SHARED).innerText(), /Save as my estimate/i);
      assert.match(await page.locator(BACK_TO_MINE).innerText(), /Back to my estimate/i);
      assert.equal(await getStorage(page), mine, 'opening a link changed the saved estimate');

      // Editing while viewing the link changes the figures but not the saved estimate.
      await setInput(page, 'payables.lines', '10');
      await expectMetrics(page, { 'payables.credits_per_month': '7700', 'total.credits_per_month': '7700' });
      await page.waitForTimeout(500); // give any (wrong) write a chance to land
      assert.equal(await getStorage(page), mine, 'an edit in shared-link mode changed the saved estimate');

      await page.locator(BACK_TO_MINE).click();
      await waitGone(page, BANNER, 'the shared-link banner after Back to my estimate');
      await page
        .waitForFunction(() => location.search === '', null, { timeout: WAIT_TIMEOUT })
        .catch(() => {});
      const after = new URL(page.url());
      assert.equal(after.search, '', `the URL should lose its query: ${page.url()}`);
      assert.equal(after.pathname, '/', `the URL should keep its path: ${page.url()}`);
      await expectAgents(page, { sales_order: true, payables: true });
      await expectInputs(page, { ...DEFAULT_INPUTS, 'sales_order.requests': '300' });
      await expectMetrics(page, {
        'sales_order.credits_per_month': '3540',
        'payables.credits_per_month': '5200',
        'total.credits_per_month': '8740',
      });
      assert.equal(await getStorage(page), mine, 'Back to my estimate changed the saved estimate');

      // Out of shared mode, edits are saved again.
      await setInput(page, 'payables.documents', '200');
      await expectMetric(page, 'total.credits_per_month', '13940');
      await waitStorageChange(page, mine);
    });
  });

  test('Back to my estimate with nothing saved shows the defaults', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?sales_order.requests=500`);
      await expectMetric(page, 'total.credits_per_month', '5900');
      await setInput(page, 'sales_order.requests', '600');
      await expectMetric(page, 'total.credits_per_month', '7080');
      await page.waitForTimeout(300);
      assert.equal(await getStorage(page), null, 'shared-link mode wrote a saved estimate');
      await waitVisible(page, BACK_TO_MINE);
      await page.locator(BACK_TO_MINE).click();
      await waitGone(page, BANNER, 'the shared-link banner after Back to my estimate');
      await expectAgents(page, { sales_order: true, payables: true });
      await expectInputs(page, DEFAULT_INPUTS);
      await expectMetrics(page, DEFAULT_METRICS);
      assert.equal(new URL(page.url()).search, '', `the URL should lose its query: ${page.url()}`);
    });
  });

  test('Save as my estimate replaces the saved estimate with the shown one', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await setInput(page, 'sales_order.requests', '300');
      await expectMetric(page, 'total.credits_per_month', '8740');
      const mine = await waitStorageChange(page, start);

      await openApp(page, `${url}?payables.documents=100&payables.lines=25`);
      await expectMetrics(page, { 'payables.credits_per_run': '152', 'total.credits_per_month': '15200' });
      assert.equal(await getStorage(page), mine, 'opening a link changed the saved estimate');
      await waitVisible(page, SAVE_SHARED, 'the Save as my estimate button');
      await page.locator(SAVE_SHARED).click();
      await waitGone(page, BANNER, 'the shared-link banner after Save as my estimate');
      const saved = await waitStorageChange(page, mine);
      parseSaved(saved);

      // The saved estimate is now the shared one: payables only, 25 lines.
      await openApp(page, url);
      await expectAgents(page, { sales_order: false, payables: true });
      await expectInputs(page, { 'payables.documents': '100', 'payables.lines': '25' });
      await expectMetrics(page, { 'payables.credits_per_month': '15200', 'total.credits_per_month': '15200' });
      await expectCleanPage(page);

      // And edits are saved again afterwards.
      await setInput(page, 'payables.lines', '50');
      await expectMetric(page, 'total.credits_per_month', '27700');
      await waitStorageChange(page, saved);
    });
  });

  test('unreadable saved data: notice, defaults, and the text kept aside', opts, async (t) => {
    const junk = '{not json';
    await withPage(browser, t, { initScripts: [seedStorage({ [STORAGE_KEY]: junk })] }, async (page) => {
      await openApp(page, url);
      await waitVisible(page, '[data-notice="storage-unreadable"]', 'the storage-unreadable notice');
      await expectAgents(page, { sales_order: true, payables: true });
      await expectInputs(page, DEFAULT_INPUTS);
      await expectMetrics(page, DEFAULT_METRICS);
      assert.equal(await getStorage(page, UNREADABLE_KEY), junk, `${UNREADABLE_KEY} should hold the unreadable text`);

      // The page still works and saves; the copy is never deleted.
      const before = await getStorage(page);
      await setInput(page, 'payables.lines', '10');
      await expectMetric(page, 'total.credits_per_month', '8880');
      const saved = await waitStorageChange(page, before);
      parseSaved(saved);
      assert.equal(await getStorage(page, UNREADABLE_KEY), junk, 'the unreadable copy was lost after an edit');
      await openApp(page, url);
      await expectMetric(page, 'total.credits_per_month', '8880');
      assert.equal(await getStorage(page, UNREADABLE_KEY), junk, 'the unreadable copy was lost after a reload');
    });
  });

  test('saved JSON of the wrong shape is treated as unreadable', opts, async (t) => {
    const odd = JSON.stringify({ schema: 1, workload: 'nope' });
    await withPage(browser, t, { initScripts: [seedStorage({ [STORAGE_KEY]: odd })] }, async (page) => {
      await openApp(page, url);
      await waitVisible(page, '[data-notice="storage-unreadable"]', 'the storage-unreadable notice');
      await expectMetrics(page, DEFAULT_METRICS);
      assert.equal(await getStorage(page, UNREADABLE_KEY), odd, `${UNREADABLE_KEY} should hold the unreadable text`);
    });
  });

  test('localStorage that throws: notice, and the page still computes', opts, async (t) => {
    await withPage(browser, t, { initScripts: [storageThrows()] }, async (page) => {
      await openApp(page, url);
      await waitVisible(page, '[data-notice="storage-unavailable"]', 'the storage-unavailable notice');
      await expectMetrics(page, DEFAULT_METRICS);
      await setInput(page, 'sales_order.requests', '200');
      await setInput(page, 'payables.lines', '10');
      await expectMetrics(page, {
        'sales_order.credits_per_month': '2360',
        'payables.credits_per_month': '7700',
        'total.credits_per_month': '10060',
      });
      // Links still work in memory too.
      await openApp(page, `${url}?payables.documents=100&payables.lines=5`);
      await expectMetric(page, 'total.credits_per_month', '5200');
      await waitVisible(page, BACK_TO_MINE);
      await page.locator(BACK_TO_MINE).click();
      await waitGone(page, BANNER);
      await expectMetric(page, 'total.credits_per_month', DEFAULT_TOTAL);
    });
  });
});

describe('layout', () => {
  async function overflow(page) {
    return page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      bodyScrollWidth: document.body.scrollWidth,
      innerWidth: window.innerWidth,
      clientWidth: document.documentElement.clientWidth,
      // Elements sticking out to the right that no scrolling container clips: what overflows.
      culprits: [...document.querySelectorAll('body *')]
        .filter((el) => {
          if (el.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5) return false;
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') return false;
          }
          return true;
        })
        .slice(0, 5)
        .map((el) => {
          const r = el.getBoundingClientRect();
          const cls = el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\s+/).join('.') : '';
          const meta = el.getAttribute('data-metric') ? `[data-metric="${el.getAttribute('data-metric')}"]` : '';
          return `${el.tagName.toLowerCase()}${cls}${meta} left=${Math.round(r.left)} right=${Math.round(r.right)} ` +
            `(font ${getComputedStyle(el).fontSize}, text "${el.textContent.trim().slice(0, 40)}")`;
        }),
    }));
  }

  async function expectNoOverflow(page, width, what) {
    const o = await overflow(page);
    assert.ok(
      o.scrollWidth <= o.innerWidth && o.scrollWidth <= width,
      `${what}: horizontal overflow — scrollWidth ${o.scrollWidth}, innerWidth ${o.innerWidth}, ` +
        `clientWidth ${o.clientWidth}; sticking out: ${o.culprits.join(', ') || 'none found'}`,
    );
  }

  test('desktop 1280×900 screenshot', opts, async (t) => {
    await withPage(browser, t, { viewport: { width: 1280, height: 900 } }, async (page) => {
      await openApp(page, url);
      await expectMetrics(page, DEFAULT_METRICS);
      t.diagnostic(`screenshot: ${await screenshot(page, 'desktop-1280x900.png')}`);
      await expectNoOverflow(page, 1280, 'desktop');
    });
  });

  const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

  test('phone 390×844: no horizontal overflow with the defaults, screenshot', opts, async (t) => {
    await withPage(browser, t, PHONE, async (page) => {
      await openApp(page, url);
      await expectMetrics(page, DEFAULT_METRICS);
      t.diagnostic(`screenshot: ${await screenshot(page, 'phone-390x844.png')}`);
      await expectNoOverflow(page, 390, 'phone, defaults');
    });
  });

  test('phone 390×844: the largest figures and an error message fit', opts, async (t) => {
    await withPage(browser, t, PHONE, async (page) => {
      await openApp(page, url);
      await setInput(page, 'payables.documents', '100000000');
      await setInput(page, 'payables.lines', '10000');
      await setInput(page, 'payables.attachments', '10000');
      await expectMetric(page, 'total.credits_per_month', '10002200001180');
      await setInput(page, 'sales_order.requests', '999999999999');
      await waitVisible(page, '[data-error="sales_order.requests"]');
      await page.evaluate(() => document.activeElement?.blur());
      t.diagnostic(`screenshot: ${await screenshot(page, 'phone-390x844-large-and-error.png')}`);
      await expectNoOverflow(page, 390, 'phone, largest figures and an error');
    });
  });

  test('phone 390×844: the shared-link banner and link notice fit', opts, async (t) => {
    await withPage(browser, t, PHONE, async (page) => {
      await openApp(page, `${url}?payables.documents=100&payables.lines=5&bogus=1`);
      await waitVisible(page, BANNER);
      await waitVisible(page, '[data-notice="link-ignored"]');
      t.diagnostic(`screenshot: ${await screenshot(page, 'phone-390x844-shared-link.png')}`);
      await expectNoOverflow(page, 390, 'phone, shared banner and notice');
    });
  });
});
