// Whole-page tests of an estimate as a partner sends it: its title, who it is prepared for and
// by, its date and notes, through the page, a reload, a link and print.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, getStorage, openApp, parseSaved, screenshot, waitStorageChange, waitVisible, withPage, useApp } from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };

describe('an estimate as a proposal', () => {
  test('title, parties, date and notes: shown at the top, saved, shared and printed', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const start = await getStorage(page);
      const heading = page.locator('.about-heading');
      assert.ok(await heading.isHidden(), 'no heading while nothing is written');
      await page.locator('details.about-edit > summary').click();
      await page.locator('[data-input="estimate.title"]').fill('Agents for Contoso');
      await page.locator('[data-input="estimate.for"]').fill('Contoso Ltd');
      await page.locator('[data-input="estimate.by"]').fill('Fabrikam Partners');
      await page.locator('[data-input="estimate.date"]').fill('2026-12-01');
      await page.locator('[data-input="estimate.notes"]').fill('Volumes from the pilot.\nPrices: list.');
      await waitVisible(page, '.about-heading', 'the heading');
      assert.equal(await page.locator('[data-about="title"]').innerText(), 'Agents for Contoso');
      assert.equal(await page.locator('[data-about="parties"]').innerText(), 'Prepared for Contoso Ltd by Fabrikam Partners');
      assert.equal(await page.locator('[data-about="date"]').innerText(), '2026-12-01');
      assert.equal(await page.locator('[data-about="notes"]').innerText(), 'Volumes from the pilot.\nPrices: list.');
      // Saved as schema 5, and back after a reload.
      await waitStorageChange(page, start);
      await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).plan.about?.notes?.endsWith('list.'), 'agent-credits.v1');
      const saved = parseSaved(await getStorage(page), 5);
      assert.equal(saved.plan.about.prepared_for, 'Contoso Ltd');
      await page.reload();
      await page.waitForSelector('html[data-app="ready"][data-complete]', { state: 'attached' });
      assert.equal(await page.locator('[data-about="title"]').innerText(), 'Agents for Contoso');
      assert.equal(await page.locator('[data-input="estimate.date"]').inputValue(), '2026-12-01');
      // Printed: the heading, not the fields.
      await page.emulateMedia({ media: 'print' });
      assert.ok(await heading.isVisible(), 'the heading in print');
      assert.ok(await page.locator('[data-input="estimate.title"]').isHidden(), 'no fields in print');
      // What prints once the page's later parts are in: the proposal, written before printing.
      await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
      assert.equal(await page.locator('.print-proposal h1').innerText(), 'Agents for Contoso');
      assert.ok(await page.locator('.print-proposal').isVisible(), 'the proposal in print');
      assert.ok(await page.locator('#app').isHidden(), 'the page itself not in print');
      await page.emulateMedia({ media: 'screen' });
      assert.ok(await page.locator('.print-proposal').isHidden(), 'the proposal only in print');
      t.diagnostic(`screenshot: ${await screenshot(page, 'proposal.png')}`);
      // Shared: a fresh page opens the same heading.
      await page.locator('[data-action="copy-link"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.ok(link.includes('&estimate.title=Agents%20for%20Contoso&estimate.for=Contoso%20Ltd&'), link);
      await page.evaluate(() => localStorage.clear());
      await openApp(page, link);
      assert.equal(await page.locator('[data-about="parties"]').innerText(), 'Prepared for Contoso Ltd by Fabrikam Partners');
      // Without a date of its own, an estimate shows today's.
      await page.goto('about:blank');
      await openApp(page, `${url}#v=1&estimate.title=Q4`);
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      });
      assert.equal(await page.locator('[data-about="date"]').innerText(), today);
    });
  });
});
