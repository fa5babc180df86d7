// The page's hooks are exactly the public contract (src/contract.rs, written out as
// tests/e2e/contract.json by `UPDATE_CONTRACT=1 cargo test --test contract`): every
// [data-input], [data-metric], [data-action] and [data-notice] found on the page, over the states
// that show them all, is in the contract, and every hook of the contract is found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STORAGE_KEY, TEST_TIMEOUT, input, openApp, useApp, withPage } from './helpers.mjs';

const CONTRACT = JSON.parse(readFileSync(new URL('./contract.json', import.meta.url), 'utf8'));
const KINDS = { inputs: 'data-input', metrics: 'data-metric', actions: 'data-action', notices: 'data-notice' };

let app;
useApp((a) => (app = a));

/** Whether `key` is an instance of `pattern` (an upper-case segment stands for a number). */
function matches(pattern, key) {
  const p = pattern.split('.');
  const k = key.split('.');
  return p.length === k.length && p.every((s, i) => (/^[A-Z]+$/.test(s) ? /^\d+$/.test(k[i]) : s === k[i]));
}

async function collect(page, found) {
  const seen = await page.evaluate((kinds) => {
    const out = {};
    for (const [kind, attr] of Object.entries(kinds)) {
      out[kind] = [...document.querySelectorAll(`[${attr}]`)].map((el) => el.getAttribute(attr));
    }
    return out;
  }, KINDS);
  for (const kind of Object.keys(KINDS)) for (const k of seen[kind]) found[kind].add(k);
}

test('the page shows exactly the hooks of the public contract', { timeout: TEST_TIMEOUT * 2 }, async (t) => {
  const found = { inputs: new Set(), metrics: new Set(), actions: new Set(), notices: new Set() };
  const { browser, url } = app;

  // The full page with one of everything: a custom agent, a group billing policy, a second
  // environment and tier, a pack count that differs from the recommendation, a removed agent.
  await withPage(browser, t, async (page) => {
    await openApp(page, url);
    await collect(page, found);
    await page.locator('[data-action="add-custom"][data-starter="qa"]').click();
    await page.waitForSelector('section[data-custom] [data-action="add-step"]');
    await page.locator('[data-action="add-custom"][data-starter="github_copilot"]').click();
    await page.waitForSelector('[data-input="custom.2.build_credits"]');
    await page.locator('[data-input="custom.2.mix"]').check();
    await page.waitForSelector('[data-metric="custom.2.mix.heavy"][data-value="10"]', { state: 'attached' });
    for (const section of ['environments', 'policies', 'prices']) {
      await page.locator(`details.${section} > summary`).click();
    }
    // The first policy covers all users (so it bills a share), the second a group.
    await page.locator('[data-action="add-policy"]').click();
    await page.locator('[data-action="add-policy"]').click();
    await page.waitForSelector('[data-input="billing.policy.1.users"]');
    await page.locator('[data-action="add-environment"]').click();
    await input(page, 'billing.packs').fill('1');
    await page.waitForSelector('[data-action="use-recommended"]');
    await collect(page, found);
    // A range: the figures' low and high cases, the stop day's among them.
    await page.locator('details[data-ranges="payables"] > summary').click();
    await input(page, 'payables.documents.high').fill('200');
    await page.waitForSelector('[data-metric="billing.stop_day.high"]', { state: 'attached' });
    await collect(page, found);
    // A field in error: the figures it holds back, and the way to it.
    await input(page, 'payables.lines').fill('12x');
    await page.waitForSelector(`[data-metric][${CONTRACT.stale_attribute}="true"]`);
    await collect(page, found);
    await input(page, 'payables.lines').fill('12');
    // A pay-as-you-go budget that runs out: the budget that covers the month, in one click.
    await input(page, 'billing.packs').fill('0');
    await input(page, 'billing.budget').fill('10');
    await page.waitForSelector('[data-action="use-budget"]');
    await collect(page, found);
    await page.locator('section[data-agent="payables"] [data-action="remove-agent"]').click();
    await page.waitForSelector('[data-action="undo-remove"]');
    await collect(page, found);
  });

  // A shared link, with a part that is ignored: the banner and a notice.
  await withPage(browser, t, async (page) => {
    await openApp(page, `${url}#v=1&payables.documents=250&nope=1`);
    await page.waitForSelector('[data-action="save-shared"]');
    await collect(page, found);
  });

  // The widget.
  await withPage(browser, t, async (page) => {
    await openApp(page, `${url}?embed=1&agent=payables`);
    await collect(page, found);
  });

  for (const kind of Object.keys(KINDS)) {
    const unknown = [...found[kind]].filter((k) => !CONTRACT[kind].some((p) => matches(p, k)));
    assert.deepEqual(unknown, [], `${KINDS[kind]} values on the page that are not in the contract`);
  }
  // Notices only show when something goes wrong: each one the page showed is in the contract
  // (above); the rest are proved by the tests that cause them.
  for (const kind of ['inputs', 'metrics', 'actions']) {
    const missing = CONTRACT[kind].filter((p) => ![...found[kind]].some((k) => matches(p, k)));
    assert.deepEqual(missing, [], `${KINDS[kind]} hooks of the contract that the page never showed`);
  }
  assert.equal(CONTRACT.storage_key, STORAGE_KEY);
});
