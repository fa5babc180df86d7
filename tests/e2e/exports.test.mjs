// Whole-page tests of what a partner sends: the estimate copied as a table (HTML and text on the
// clipboard), downloaded as Markdown and CSV with dated names, and printed as a proposal (the
// PDF Chromium prints, read with poppler's pdftotext and pdfinfo).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARTIFACTS, TEST_TIMEOUT, WAIT_TIMEOUT, expectMoney, input, openApp, setInput, withPage, useApp } from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };

// A hand-written link: a title, parties and a date, the reference agents at 200 requests and
// 300 documents, and a question-answering custom agent (1,000 runs of one generative answer,
// 2 credits): 2,360 + 15,600 + 2,000 = 19,960 credits; one pack (25,000) covers them.
const LINK =
  '#v=1&sales_order.requests=200&payables.documents=300&billing.packs=1' +
  '&custom.1.name=Helpdesk&custom.1.runs=1000&custom.1.steps.1.scenario=generative_answer' +
  '&estimate.title=Agents%20for%20Contoso&estimate.for=Contoso%20Ltd&estimate.by=Fabrikam%20Partners' +
  '&estimate.date=2026-12-01&estimate.notes=Volumes%20from%20the%20pilot.';

/** The text of `pdf` (pages `first` to `last`, all by default), as pdftotext lays it out. */
function pdfText(file, first, last) {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
}

function pdfPages(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
}

describe('exports a partner can send', () => {
  test('Copy as table puts an HTML table and tab-separated text on the clipboard', opts, async (t) => {
    await withPage(browser, t, { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      await openApp(page, url + LINK);
      await page.locator('[data-action="copy-table"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="export-status"]')?.textContent.startsWith('Copied'));
      const clip = await page.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        const read = async (type) => (item.types.includes(type) ? (await item.getType(type)).text() : null);
        return { html: await read('text/html'), text: await read('text/plain') };
      });
      assert.ok(clip.html && clip.text, JSON.stringify(clip).slice(0, 300));
      // The HTML pastes as tables; read it back as a document.
      const tables = await page.evaluate((html) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        return {
          title: doc.querySelector('h1')?.textContent,
          facts: Object.fromEntries([...doc.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
          agents: [...doc.querySelectorAll('table[data-table="agents"] tr')].map((tr) => [...tr.cells].map((c) => c.textContent)),
          styled: doc.querySelectorAll('[style]').length,
        };
      }, clip.html);
      assert.equal(tables.title, 'Agents for Contoso');
      assert.equal(tables.facts['Prepared for'], 'Contoso Ltd');
      assert.equal(tables.facts['Prepared by'], 'Fabrikam Partners');
      assert.equal(tables.facts.Date, '2026-12-01');
      assert.match(tables.facts['Rate card'], /^copilot-credits-2025-09, rates from /);
      assert.match(tables.facts['Price source'], /^https:\/\/learn\.microsoft\.com\//);
      assert.ok(tables.facts['Link to this estimate'].includes('#v=1&'), tables.facts['Link to this estimate']);
      assert.equal(tables.styled, 0, 'no inline styles');
      // One pack, 200.00 USD, shared in proportion to credits: 2,360 / 15,600 / 2,000 of 19,960.
      assert.deepEqual(tables.agents, [
        ['Agent', 'Runs a month', 'Credits a run', 'Credits a month', 'Share', 'Cost a month'],
        ['Sales Order agent', '200', '11.8', '2,360', '11.8 %', '23.65 USD'],
        ['Payables agent', '300', '52', '15,600', '78.2 %', '156.31 USD'],
        ['Helpdesk', '1,000', '2', '2,000', '10 %', '20.04 USD'],
        ['All agents', '', '', '19,960', '100 %', '200.00 USD'],
      ]);
      assert.ok(clip.text.startsWith('Agents for Contoso\nPrepared for: Contoso Ltd\n'), clip.text.slice(0, 200));
      assert.ok(clip.text.includes('\nHelpdesk\t1,000\t2\t2,000\t10 %\t20.04 USD\n'), clip.text);
    });
  });

  test('Markdown and CSV downloads carry the heading and a dated file name', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url + LINK);
      const save = async (action) => {
        const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-action="${action}"]`).click()]);
        return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
      };
      const md = await save('download-markdown');
      assert.equal(md.name, 'agents-for-contoso-2026-12-01.md');
      assert.ok(md.text.startsWith('# Agents for Contoso\n\n- **Prepared for:** Contoso Ltd\n'), md.text.slice(0, 200));
      assert.ok(md.text.includes('\n| Helpdesk | 1,000 | 2 | 2,000 | 10 % | 20.04 USD |\n'), md.text);
      assert.ok(md.text.includes('\n| Capacity packs | 1 pack of 25,000 credits at 200.00 USD a month |\n'), md.text);
      assert.ok(!md.text.includes('budget'), 'no budget: none is set');
      const csv = await save('download-csv');
      assert.equal(csv.name, 'agents-for-contoso-2026-12-01.csv');
      const rows = csv.text.split('\r\n');
      assert.ok(rows[0].endsWith(',value'), rows[0]);
      assert.ok(rows.includes('estimate,,Title,,,,,,,,,,copilot-credits-2025-09,,,,,Agents for Contoso'), rows.slice(0, 12).join('\n'));
      assert.ok(rows.includes('setting,,Capacity packs,,,,,,,,,,copilot-credits-2025-09,,,,,1'));
      assert.ok(rows.some((r) => r.startsWith('agent,Helpdesk,Agent total,') && r.includes(',2000,20.04,USD,')), csv.text);
      assert.equal(rows.filter((r) => r.startsWith('month,')).length, 12);
      assert.ok(rows.includes('year,,Your settings,,,,,,,,2400,USD,copilot-credits-2025-09,,,,,'), csv.text);
    });
  });

  test('print is a proposal: the PDF has the heading, only the rows that apply, and a full first page', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url + LINK);
      const dir = mkdtempSync(path.join(tmpdir(), 'agent-credits-pdf-'));
      const file = path.join(dir, 'proposal.pdf');
      writeFileSync(file, await page.pdf({ format: 'A4' }));
      writeFileSync(path.join(ARTIFACTS, 'proposal.pdf'), readFileSync(file));
      t.diagnostic(`printed: ${path.join(ARTIFACTS, 'proposal.pdf')}`);
      // pdftotext lays columns out with runs of spaces: read it with single spaces.
      const text = pdfText(file).replace(/[ \t]+/g, ' ');
      for (const words of [
        'Agents for Contoso',
        'Prepared for Contoso Ltd',
        'Prepared by Fabrikam Partners',
        'Date 2026-12-01',
        'Rate card copilot-credits-2025-09, rates from',
        'Price source https://learn.microsoft.com/',
        'Volumes from the pilot.',
        'Helpdesk 1,000 2 2,000 10 % 20.04 USD',
        'The month\'s bill',
        'How the bill is computed',
      ]) {
        assert.ok(text.includes(words), `"${words}" in:\n${text}`);
      }
      // Pay-as-you-go is on and no budget is set: no budget row, no stop threshold, no lone "USD".
      assert.ok(!/budget/i.test(text), text);
      assert.ok(!text.includes('Agents stop at'), text);
      assert.ok(!/^\s*USD\s*$/m.test(text), text);
      // The page itself is not printed: no input fields, buttons or the share section.
      assert.ok(!text.includes('Share and export'), text);
      assert.ok(!text.includes('Copy link'), text);
      // A full first page: the month, the agents, the settings and the bill all start on it.
      const pages = pdfPages(file);
      assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
      const first = pdfText(file, 1);
      for (const heading of ['The month', 'Agents', 'Billing settings', 'The month\'s bill']) {
        assert.ok(first.includes(heading), `"${heading}" on page 1:\n${first}`);
      }
      // Without pay-as-you-go the stop threshold applies and is printed; pay-as-you-go's cost is not.
      await page.goto('about:blank');
      await openApp(page, `${url}#v=1&payables.documents=1000&billing.packs=1&billing.payg=off`);
      writeFileSync(file, await page.pdf({ format: 'A4' }));
      const stops = pdfText(file).replace(/[ \t]+/g, ' ');
      assert.ok(stops.includes('Agents stop at'), stops);
      assert.ok(stops.includes('125 % of prepaid capacity'), stops);
      assert.ok(!stops.includes('Pay-as-you-go:'), stops);
      assert.ok(stops.includes('Not served'), stops);
    });
  });

  test('an exchange rate from USD with its date: every cost follows, stated in the derivation, carried by the link', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      await page.locator('details.prices > summary').click();
      // A rate while the currency is still USD converts to nothing: the prices say why.
      await setInput(page, 'billing.price.exchange_rate', '0.92');
      await page.locator('[data-error="billing.prices"]').waitFor({ timeout: WAIT_TIMEOUT });
      assert.match(await page.locator('[data-error="billing.prices"]').innerText(), /needs the currency it converts to, like EUR/);
      await expectMoney(page, 'billing.total_cost', '63.8', '63.80');
      // In euros: 6,380 credits × 0.01 USD × 0.92 = 58.696 EUR.
      await setInput(page, 'billing.price.currency', 'EUR');
      await expectMoney(page, 'billing.total_cost', '58.696', '58.70');
      await input(page, 'billing.price.exchange_date').fill('2026-11-20');
      assert.equal(await input(page, 'billing.price.pack_price').inputValue(), '184');
      const details = 'section.billing details.breakdown';
      await page.locator(`${details} > summary`).click();
      const first = page.locator(`${details} ol.bill-lines li`).first();
      await page.waitForFunction(
        (sel) => document.querySelector(`${sel} ol.bill-lines li`)?.textContent ===
          "Prices in EUR: Microsoft's USD list prices × 0.92 (exchange rate of 2026-11-20)",
        details,
        { timeout: WAIT_TIMEOUT },
      ).catch(async () => assert.fail(`first line: ${await first.innerText()}`));
      // The link opens the same prices, rate and date in a fresh page.
      await page.locator('[data-action="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      await page.goto('about:blank');
      await openApp(page, link);
      await expectMoney(page, 'billing.total_cost', '58.696', '58.70');
      // This browser remembers the prices left open.
      assert.equal(await page.locator('details.prices').evaluate((d) => d.open), true);
      assert.equal(await input(page, 'billing.price.exchange_rate').inputValue(), '0.92');
      assert.equal(await input(page, 'billing.price.exchange_date').inputValue(), '2026-11-20');
      // Cleared, the rate gives back the USD list.
      await setInput(page, 'billing.price.exchange_rate', '');
      await expectMoney(page, 'billing.total_cost', '63.8', '63.80');
      assert.equal(await input(page, 'billing.price.currency').inputValue(), 'USD');
    });
  });
});
