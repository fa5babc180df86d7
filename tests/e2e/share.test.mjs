// Whole-page tests of sharing: links that reopen the same estimate (query and fragment alike),
// malformed links, the embeddable widget on a host page, export and import.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  DIST,
  SALES_ORDER_EXAMPLE,
  STORAGE_KEY,
  TEST_TIMEOUT,
  WAIT_TIMEOUT,
  expectMetric,
  expectMetrics,
  getStorage,
  input,
  metricValues,
  openApp,
  screenshot,
  setInput,
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

/** Every figure on the page, by key. */
async function figures(page) {
  const all = await metricValues(page);
  return all;
}

/** Builds an estimate with edits everywhere a link must carry: agents, billing, prices, environments. */
async function buildEstimate(page) {
  await setInput(page, 'sales_order.requests', '2500');
  await setInput(page, 'sales_order.attachment_rate', '12.5');
  await setInput(page, 'payables.lines', '9');
  await setInput(page, 'billing.packs', '1');
  await setInput(page, 'billing.growth', '3');
  await page.locator('details.prices > summary').click();
  await setInput(page, 'billing.price.pack_price', '185.5');
  await page.locator('details.environments > summary').click();
  await setInput(page, 'billing.env.0.share', '70');
  await page.locator('[data-action="add-environment"]').click();
  await setInput(page, 'billing.env.1.share', '30');
  await setInput(page, 'billing.env.1.allocated', '2000');
  await page.waitForFunction(
    () => document.querySelector('[data-metric="billing.prepaid_cost"]')?.getAttribute('data-value') === '185.5',
    null,
    { timeout: WAIT_TIMEOUT },
  );
}

describe('share links', () => {
  test('Copy link gives a fragment link that reopens the same estimate in a fresh browser profile', opts, async (t) => {
    let link;
    let before;
    await withPage(browser, t, { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      await openApp(page, url);
      await buildEstimate(page);
      await page.locator('[data-action="copy-link"]').click();
      await waitVisible(page, '[data-testid="share-link"]', 'the share link');
      link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.ok(link.startsWith(`${url}#v=1&`), `the link should be the fragment form: ${link}`);
      assert.ok(link.includes('&s=1.'), `edited prices and environments travel in the compact parameter: ${link}`);
      assert.ok(link.length < 500, `the link is ${link.length} characters; links should stay under 500`);
      t.diagnostic(`full estimate link: ${link.length} characters`);
      const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
      if (copied !== null) assert.equal(copied, link, 'the clipboard holds the link');
      before = await figures(page);
    });
    // A fresh context: nothing saved, nothing shared but the link.
    await withPage(browser, t, async (page) => {
      await openApp(page, link);
      await waitVisible(page, BANNER, 'the shared-link banner');
      const after = await figures(page);
      assert.deepEqual(after, before, 'every figure is the same on the other machine');
      assert.equal(await input(page, 'billing.price.pack_price').inputValue(), '185.5');
      assert.equal(await getStorage(page), null, 'opening a link saved nothing');
    });
  });

  test('the query form and the fragment form read alike', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}#v=1&payables.documents=100&payables.lines=5&billing.packs=1`);
      await expectMetrics(page, { 'payables.credits_per_month': '5200', 'billing.prepaid_credits': '25000' });
      await openApp(page, `${url}?payables.documents=100#payables.lines=10`);
      await expectMetrics(page, { 'payables.credits_per_month': '7700' });
    });
  });

  test('malformed links each render with a notice and no page error', opts, async (t) => {
    const bad = [
      ['unknown key', '?nope=1&payables.lines=7'],
      ['bad value', '?payables.lines=abc'],
      ['newer version', '?v=9&payables.lines=7'],
      ['truncated compact parameter', '?payables.lines=7&s=1.eyJwcmljZXMiOnsiY3VycmVuY3kiOiJVU0QiLCJwYWNr'],
      ['tampered compact parameter', '?s=1.eyJkYXlzIjozMX0.00000000'],
      ['compact parameter from a newer version', '?s=7.e30.0'],
      ['markup in a key', '?%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1'],
      ['many kilobytes', `?payables.lines=7&${'junk=1&'.repeat(2000)}`],
      ['unknown agent for a widget', '?embed=1&agent=nope'],
    ];
    await withPage(browser, t, async (page) => {
      for (const [what, q] of bad) {
        await openApp(page, url + q);
        await waitVisible(page, '[data-notice="link-ignored"]', `the notice for a link with ${what}`);
        assert.equal(await page.locator('[data-notice] img').count(), 0, `${what}: no markup from the link`);
      }
    });
  });

  test('opening a shared link keeps the saved estimate; Save as my estimate replaces it', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      await setInput(page, 'billing.packs', '2');
      const mine = await waitStorageChange(page, start);
      // Pasting a link that differs only in its fragment doesn't reload the page: it still applies.
      await page.goto(`${url}#billing.packs=5`);
      await waitVisible(page, BANNER, 'the banner');
      await expectMetric(page, 'billing.prepaid_credits', '125000');
      assert.equal(await getStorage(page), mine, 'the shared link overwrote the saved estimate');
      await page.locator(`${BANNER} [data-action="save-shared"]`).click();
      await setInput(page, 'billing.growth', '1');
      const saved = await waitStorageChange(page, mine);
      assert.ok(saved.includes('"packs":5'), 'saving the shared estimate keeps its settings');
    });
  });
});

describe('embeddable widget', () => {
  test('?embed=1&agent=payables shows one agent, no page chrome, and opens the full estimate', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?embed=1&agent=payables&payables.lines=10`);
      assert.equal(await page.locator('.page-header').count(), 0, 'no page header in the widget');
      assert.equal(await page.locator('section[data-agent]').count(), 1);
      await expectMetrics(page, { 'payables.credits_per_month': '7700', 'total.credits_per_month': '7700' });
      await setInput(page, 'payables.documents', '200');
      await expectMetric(page, 'total.credits_per_month', '15400');
      assert.equal(await getStorage(page), null, 'the widget never saves');
      const href = await page.locator('[data-action="open-full"]').getAttribute('href');
      assert.ok(href.includes('#v=1&payables.documents=200&payables.lines=10'), href);
      await openApp(page, href);
      await expectMetric(page, 'payables.credits_per_month', '15400');
      assert.equal(await page.locator('section[data-agent="sales_order"]').count(), 0);
    });
  });

  test('the widget tells the truth like the page: a typo keeps the last figures, marked, and its message', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      const wasm = [];
      page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname.split('/').pop()));
      await openApp(page, `${url}?embed=1&agent=payables&payables.documents=40&nonsense=1`);
      // Its own light load: none of the page's modules (the planner's views, Leptos).
      const { loads } = await import('../../scripts/check-size.mjs');
      const { page: pageLoad, widget } = loads(DIST);
      const own = new Set(widget.map((f) => f.split('/').pop()));
      const pageOnly = pageLoad.map((f) => f.split('/').pop()).filter((f) => f.endsWith('.wasm') && !own.has(f));
      assert.ok(pageOnly.includes('split_page.wasm'), `the page's modules: ${pageOnly}`);
      assert.deepEqual(wasm.filter((f) => pageOnly.includes(f)), [], `the widget fetched: ${wasm.join(', ')}`);
      // A link notice, which the reader can dismiss.
      await waitVisible(page, '[data-notice="link-ignored"]', 'the notice for the unknown key');
      assert.match(await page.locator('[data-notice="link-ignored"]').innerText(), /nonsense/);
      await page.locator('[data-notice="link-ignored"] button').click();
      await waitGone(page, '[data-notice="link-ignored"]', 'the dismissed notice');
      await expectMetrics(page, { 'payables.credits_per_month': '2080', 'total.credits_per_month': '2080' });
      await typeInput(page, 'payables.documents', '4o');
      await waitVisible(page, '[data-error="payables.documents"]', "the field's message");
      assert.equal(await input(page, 'payables.documents').inputValue(), '4o', 'the typed text stays');
      assert.equal(await input(page, 'payables.documents').getAttribute('aria-invalid'), 'true');
      for (const key of ['payables.credits_per_month', 'total.credits_per_month', 'billing.total_cost']) {
        assert.equal(await page.locator(`[data-metric="${key}"]`).getAttribute('data-stale'), 'true', `${key} is marked`);
      }
      // Typed key by key: "4" read as a value, then "4o" did not; the figures stay at 4's.
      await expectMetric(page, 'total.credits_per_month', '208');
      assert.ok((await page.locator('.figure-stale').count()) >= 3, 'the figures say "Not updated"');
      await typeInput(page, 'payables.documents', '1');
      await expectMetric(page, 'payables.credits_per_month', '52');
      await waitGone(page, '[data-error="payables.documents"]', 'the message once the value reads');
      assert.equal(await page.locator('[data-stale]').count(), 0);
      assert.equal(await page.locator('.figure-stale').count(), 0);
      assert.equal(await input(page, 'payables.documents').getAttribute('aria-invalid'), 'false');
      assert.match(await page.locator('label[for="in-payables-documents"] + .field-control .field-unit').innerText(), /^[a-z -]*[^s]$/, 'singular unit for 1');
      const href = await page.locator('[data-action="open-full"]').getAttribute('href');
      assert.ok(href.includes('payables.documents=1'), href);
    });
  });

  test('the widget says when its cost leaves runs unserved, and the note follows the inputs', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?embed=1&agent=payables&billing.packs=0&billing.payg=off`);
      await waitVisible(page, '.widget-total .unserved-note', 'the unserved note');
      assert.match(await page.locator('.widget-total .unserved-note').innerText(), /unserved/);
      await setInput(page, 'payables.documents', '0');
      await expectMetric(page, 'total.credits_per_month', '0');
      await waitGone(page, '.unserved-note', 'the note once nothing goes unserved');
      await setInput(page, 'payables.documents', '100');
      await waitVisible(page, '.widget-total .unserved-note', 'the note again');
    });
  });

  test('the example host page embeds the widget in a sandboxed iframe and sizes it to its content', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await page.goto(`${url}examples/host.html`);
      const frame = page.frameLocator('#widget');
      await frame.locator('[data-metric="payables.credits_per_month"]').waitFor({ timeout: 15_000 });
      assert.equal(await frame.locator('[data-metric="payables.credits_per_month"]').getAttribute('data-value'), '5200');
      // The host script set the iframe's height from the widget's message.
      await page.waitForFunction(() => Number(document.getElementById('widget').dataset.agentCreditsHeight) > 200, null, {
        timeout: WAIT_TIMEOUT,
      });
      const fit = await page.evaluate(() => {
        const f = document.getElementById('widget');
        return { frame: f.getBoundingClientRect().height, set: Number(f.dataset.agentCreditsHeight) };
      });
      assert.ok(Math.abs(fit.frame - fit.set) <= 1, `iframe height ${fit.frame} vs message ${fit.set}`);
      // Growing content (an error message) grows the iframe.
      await frame.locator('[data-input="payables.lines"]').fill('-1');
      await frame.locator('[data-error="payables.lines"]').waitFor();
      await page.waitForFunction((h) => Number(document.getElementById('widget').dataset.agentCreditsHeight) > h, fit.set, {
        timeout: WAIT_TIMEOUT,
      });
      t.diagnostic(`screenshot: ${await screenshot(page, 'embed-host.png')}`);
    });
  });

  test('Embed this gives an iframe snippet for the current estimate', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, `${url}?payables.documents=40`);
      await page.locator('[data-action="embed-this"]').click();
      const snippet = await page.locator('[data-testid="embed-snippet"]').inputValue();
      assert.match(snippet, /<iframe src="[^"]*\?embed=1&agent=payables&v=1&payables\.documents=40/);
      assert.match(snippet, /examples\/embed\.js/);
    });
  });
});

describe('export and import', () => {
  test('the print summary of the reference estimate is one A4 page', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
      const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.equal(pages, 1, `the printed summary has ${pages} pages`);
    });
  });

  test('CSV and JSON downloads; the JSON imports back as a shared estimate', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await setInput(page, 'payables.lines', '25');
      await setInput(page, 'billing.packs', '1');
      await expectMetric(page, 'payables.credits_per_month', '15200');

      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download-csv"]').click()]);
      const csv = await readFile(await csvDownload.path(), 'utf8');
      assert.match(csv, /^section,agent,item,event_scenario/);
      assert.ok(csv.includes(`total,,All agents,,,,,,,${SALES_ORDER_EXAMPLE + 15200},,,copilot-credits-2025-09`), csv);
      assert.ok(/billing,,Total cost,.*,200,USD,copilot-credits-2025-09/.test(csv), csv);

      const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download-json"]').click()]);
      const jsonPath = await jsonDownload.path();
      const json = JSON.parse(await readFile(jsonPath, 'utf8'));
      assert.equal(json.schema, 3);
      assert.equal(json.plan.billing.settings.packs, 1);

      // Change the estimate, then import the file: the figures come back, as a shared estimate.
      await setInput(page, 'payables.lines', '1');
      await expectMetric(page, 'payables.credits_per_month', '3200');
      await page.locator('[data-action="import-json"]').setInputFiles(jsonPath);
      await expectMetric(page, 'payables.credits_per_month', '15200');
      await waitVisible(page, BANNER, 'the banner after an import');

      await page.locator('[data-action="import-json"]').setInputFiles({
        name: 'bad.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"schema":2,"plan":"nope"}'),
      });
      await waitVisible(page, '[data-notice="import-failed"]', 'the import-failed notice');
      await expectMetric(page, 'payables.credits_per_month', '15200');
    });
  });
});
