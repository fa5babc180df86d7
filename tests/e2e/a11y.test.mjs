// Accessibility, checked by axe-core (WCAG 2.1 A and AA rules) inside the page, on each state a
// visitor meets, in the light and the dark theme; and the dark theme itself: the reader's system
// setting, theme=dark|light in the address, the widget matching the page that embeds it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TEST_TIMEOUT, WAIT_TIMEOUT, input, openApp, screenshot, withPage, useApp } from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));

const opts = { timeout: TEST_TIMEOUT };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA violations on the page as it is, one line each. */
async function violations(page) {
  // The page's Content-Security-Policy allows no inline script: the context bypasses it for axe.
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`);
  });
  return found;
}

// Each state: its address, then what to do once the page is complete.
const STATES = {
  default: ['', null],
  'an invalid input with its message': ['', async (page) => {
    await input(page, 'payables.documents').fill('12a');
    await page.locator('[data-error="payables.documents"]').waitFor({ timeout: WAIT_TIMEOUT });
  }],
  'the shared-link banner': ['#v=1&payables.documents=250&billing.packs=1', null],
  'billing sections open': ['#v=1&billing.packs=1&billing.growth=5&sales_order.requests.low=50&sales_order.requests.high=200', async (page) => {
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await page.waitForTimeout(300);
  }],
  'a custom agent': ['#v=1&custom.1.starter=qa&custom.2.starter=github_copilot', null],
  'the widget': ['?embed=1&agent=payables', null],
};

describe('accessibility and themes', () => {
  for (const scheme of ['light', 'dark']) {
    test(`axe-core finds no WCAG 2.1 AA violation in any state, ${scheme}`, opts, async (t) => {
      await withPage(browser, t, { bypassCSP: true, colorScheme: scheme }, async (page) => {
        const problems = [];
        for (const [name, [address, act]] of Object.entries(STATES)) {
          await page.goto('about:blank');
          if (address.includes('embed=1')) {
            await page.goto(url + address);
            await page.waitForSelector('html[data-app="ready"]', { state: 'attached', timeout: WAIT_TIMEOUT * 3 });
          } else {
            await openApp(page, url + address);
          }
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), scheme, `${name}: theme`);
          if (act) await act(page);
          for (const v of await violations(page)) problems.push(`${name}: ${v}`);
          if (name === 'billing sections open') t.diagnostic(`screenshot: ${await screenshot(page, `a11y-${scheme}.png`)}`);
        }
        assert.deepEqual(problems, []);
      });
    });
  }

  test('theme=dark and theme=light override the system setting; the widget follows its own address', opts, async (t) => {
    await withPage(browser, t, { colorScheme: 'light' }, async (page) => {
      const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      await openApp(page, `${url}?theme=dark`);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      assert.equal(await background(), 'rgb(13, 17, 23)');
      // Not an estimate key: the default estimate, and no notice about the link.
      assert.equal(await page.locator('[data-metric="total.credits_per_month"]').getAttribute('data-value'), '6380');
      assert.equal(await page.locator('[data-notice]').count(), 0);
      await page.goto('about:blank');
      await page.goto(`${url}?embed=1&agent=payables&theme=dark`);
      await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
      assert.equal(await background(), 'rgb(13, 17, 23)');
      t.diagnostic(`screenshot: ${await screenshot(page, 'widget-dark.png')}`);
      // The system setting, followed when it changes; theme=light holds against it.
      await page.goto('about:blank');
      await openApp(page, url);
      assert.equal(await background(), 'rgb(246, 248, 250)');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, { timeout: WAIT_TIMEOUT });
      t.diagnostic(`screenshot: ${await screenshot(page, 'page-dark.png')}`);
      await page.goto('about:blank');
      await openApp(page, `${url}?theme=light`);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    });
  });

  test('a burst of typing gives one polite announcement of the new total, not one per keystroke', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await openApp(page, url);
      const said = page.locator('[data-testid="total-announcement"]');
      assert.equal(await said.getAttribute('role'), 'status');
      assert.equal(await said.innerText(), '', 'nothing announced on arrival');
      await said.evaluate((el) => {
        window.__said = [];
        new MutationObserver(() => window.__said.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
      });
      // No other live region repeats the figures as they change.
      assert.equal(await page.locator('[aria-live]').count(), 0);
      const field = input(page, 'payables.documents');
      await field.selectText();
      await field.pressSequentially('250', { delay: 60 });
      await page.waitForFunction(() => window.__said.length > 0, null, { timeout: WAIT_TIMEOUT });
      await page.waitForTimeout(1200);
      // 1,180 + 52 × 250 = 14,180 credits, 141.80 USD at 0.01 USD a credit.
      assert.deepEqual(await page.evaluate(() => window.__said), ['Total: 14,180 credits a month, 141.80 USD.']);
    });
  });

  test('keyboard only: add a custom agent, fix an invalid value, copy the link', opts, async (t) => {
    await withPage(browser, t, { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      await openApp(page, url);
      // Tab (forward only) until `selector` has the focus; fails after 300 stops.
      const tabTo = async (selector) => {
        for (let i = 0; i < 300; i++) {
          if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
          await page.keyboard.press('Tab');
        }
        assert.fail(`Tab never reached ${selector}`);
      };
      await tabTo('[data-action="add-custom"][data-starter="qa"]');
      await page.keyboard.press('Enter');
      await page.locator('[data-input="custom.1.runs"]').waitFor({ timeout: WAIT_TIMEOUT });
      await tabTo('[data-input="custom.1.runs"]');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('5o0');
      await page.locator('[data-error="custom.1.runs"]').waitFor({ timeout: WAIT_TIMEOUT });
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('500');
      await page.locator('[data-error="custom.1.runs"]').waitFor({ state: 'detached', timeout: WAIT_TIMEOUT });
      const month = await page.locator('[data-metric="custom.1.credits_per_month"]').getAttribute('data-value');
      await tabTo('[data-action="copy-link"]');
      await page.keyboard.press('Enter');
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.ok(link.includes('custom.1.runs=500'), link);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
      assert.ok(Number(month) > 0, month);
    });
  });

  test('reduced motion: nothing on the page moves (no transition, animation or smooth scroll)', opts, async (t) => {
    await withPage(browser, t, { reducedMotion: 'reduce' }, async (page) => {
      await openApp(page, `${url}#v=1&billing.packs=1&custom.1.starter=qa`);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await page.locator('[data-input="custom.1.runs"]').fill('300');
      const moving = await page.evaluate(() => {
        const found = [];
        for (const el of [document.documentElement, ...document.querySelectorAll('*')]) {
          const cs = getComputedStyle(el);
          const timed = (v) => v.split(',').some((d) => parseFloat(d) > 0);
          if (timed(cs.transitionDuration) || timed(cs.animationDuration) || cs.scrollBehavior === 'smooth') found.push(el.tagName + '.' + el.className);
        }
        return { found: found.slice(0, 5), animations: document.getAnimations().length };
      });
      assert.deepEqual(moving, { found: [], animations: 0 });
    });
  });

  test('the widget too: one polite announcement of its total after a burst of typing', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      await page.goto(`${url}?embed=1&agent=payables`);
      await page.waitForSelector('html[data-app="ready"]', { state: 'attached' });
      assert.equal(await page.locator('[aria-live]').count(), 0, 'no figure repeats itself as it changes');
      const said = page.locator('.widget [role="status"]');
      await said.evaluate((el) => {
        window.__said = [];
        new MutationObserver(() => window.__said.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
      });
      const field = input(page, 'payables.documents');
      await field.selectText();
      await field.pressSequentially('250', { delay: 60 });
      await page.waitForFunction(() => window.__said.length > 0, null, { timeout: WAIT_TIMEOUT });
      await page.waitForTimeout(1200);
      // 52 × 250 = 13,000 credits, 130.00 USD.
      const heard = await page.evaluate(() => window.__said);
      assert.equal(heard.length, 1, heard.join(' | '));
      assert.match(heard[0], /^Total: 13,000 (Copilot )?[Cc]redits a month, 130\.00 USD\.$/);
    });
  });
});
