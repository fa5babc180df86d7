// A widget that cannot load says so (README "Embedding the calculator", "Publishing"), the example
// host page works as the README's serve command serves it, and the page's icon never fails.
//
// A sandboxed iframe without allow-same-origin has an opaque origin, so the widget's module script
// and Wasm load with CORS: on a host that does not send Access-Control-Allow-Origin they fail. The
// widget then shows a notice with a link to open its estimate, logs one console error naming the
// header and the file, and tells the host page its height (index.html's boot script, called by the
// loader of scripts/build-wasm.mjs). The app's server is put behind a proxy that sets exactly the
// headers under test; host pages are served from another origin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import {
  READY_TIMEOUT,
  TEST_TIMEOUT,
  WAIT_TIMEOUT,
  clip,
  expectMetric,
  openApp,
  screenshot,
  useApp,
  waitVisible,
  withPage,
} from './helpers.mjs';

let browser;
let url;
useApp((app) => ({ browser, url } = app));
const opts = { timeout: TEST_TIMEOUT };

const CORS = 'access-control-allow-origin';
/** The link to the full estimate, while the widget loads and when it cannot. */
const OPEN = 'a:text-is("Open this estimate")';

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections?.();
        });
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close });
    });
  });
}

/** The app's server (`upstream`) behind a proxy on another port, its response headers edited. */
function proxy(upstream, edit) {
  const up = new URL(upstream);
  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const headers = { ...answer.headers };
        edit(headers);
        res.writeHead(answer.statusCode, headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  return listen(server);
}

/** A documentation page on its own origin embedding `src` as the README's snippet does. */
function hostPage(src, sandbox, embedJs) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title>
<link rel="icon" href="data:,"></head><body><h1>Docs</h1>
<iframe id="widget" src="${src}" title="Copilot Credits estimate" sandbox="${sandbox}" style="width:100%;border:0"></iframe>
<p id="after">Text after the widget.</p>
<script src="${embedJs}" async></script></body></html>`;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html);
  });
  return listen(server);
}

/** The headers `scripts/serve` (trunk serve) adds to every response: Trunk.toml's [serve] headers. */
function serveHeaders() {
  const toml = readFileSync(new URL('../../Trunk.toml', import.meta.url), 'utf8');
  const section = /^\[serve\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
  const table = /^headers\s*=\s*\{([^}]*)\}/m.exec(section)?.[1] ?? '';
  return Object.fromEntries([...table.matchAll(/"([^"]+)"\s*=\s*"([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
}

/**
 * Like `withPage`, for pages expected to report errors: `fn(page, seen)` gets what the page (and
 * its frames) logged as console errors and the requests that failed, to assert on itself.
 */
async function withFailingPage(t, fn) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1000, height: 800 } });
  context.setDefaultTimeout(WAIT_TIMEOUT);
  context.setDefaultNavigationTimeout(READY_TIMEOUT);
  const page = await context.newPage();
  const seen = { errors: [], pageErrors: [], failed: [] };
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.pageErrors.push(e.message));
  page.on('requestfailed', (r) => seen.failed.push(r.url()));
  try {
    await fn(page, seen);
  } catch (err) {
    await screenshot(page, `fail-${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`).catch(() => {});
    err.message += `\n(console errors: ${clip(seen.errors.join(' | '), 1500)})`;
    throw err;
  } finally {
    await context.close().catch(() => {});
  }
}

/** The widget's iframe height as the host page's embed.js set it from the widget's message. */
async function sizedHeight(page) {
  await page
    .waitForFunction(() => Number(document.getElementById('widget').dataset.agentCreditsHeight) > 0, null, {
      timeout: WAIT_TIMEOUT,
    })
    .catch(() => {});
  return page.evaluate(() => Number(document.getElementById('widget').dataset.agentCreditsHeight) || 0);
}

describe('a widget embedded on another origin', () => {
  let bare; // the app's server without the CORS header
  before(async () => {
    bare = await proxy(url, (h) => delete h[CORS]);
  });
  after(() => bare?.close());

  test('without Access-Control-Allow-Origin it says it cannot load, links to the estimate, and names the header', opts, async (t) => {
    const query = '?embed=1&agent=payables&payables.documents=250';
    const host = await hostPage(`${bare.url}${query}`, 'allow-scripts', `${bare.url}examples/embed.js`);
    try {
      await withFailingPage(t, async (page, seen) => {
        await page.goto(host.url);
        const frame = page.frameLocator('#widget');
        const notice = frame.locator('[data-notice="load-failed"]');
        await notice.waitFor({ state: 'visible', timeout: READY_TIMEOUT });
        assert.match(await notice.innerText(), /The calculator couldn't load here\.\s*Open this estimate/);
        const link = notice.locator(OPEN);
        assert.ok(await link.isVisible(), 'the link to the estimate is visible');
        assert.equal(await link.getAttribute('href'), `${bare.url}?agent=payables&payables.documents=250`);
        assert.equal(await link.getAttribute('target'), '_blank');
        assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
        const state = await frame.locator('html').evaluate((h) => ({
          app: h.getAttribute('data-app'),
          // The prerendered page is the default estimate, not this widget's: hidden.
          figures: [...document.querySelectorAll('[data-metric]')].filter((e) => e.checkVisibility()).length,
          loading: document.querySelector('.boot-status')?.checkVisibility() ?? false,
        }));
        assert.deepEqual(state, { app: 'failed', figures: 0, loading: false });

        const ours = seen.errors.filter((e) => e.startsWith('agent-credits:'));
        assert.equal(ours.length, 1, `one console error from the widget: ${ours.join(' | ')}`);
        assert.match(ours[0], /Access-Control-Allow-Origin/);
        const failedUrl = /could not load (\S+)/.exec(ours[0])?.[1] ?? '';
        assert.match(failedUrl, /\/pkg-[0-9a-f]+\/main(\.js|_bg\.wasm)$/, ours[0]);
        assert.ok(failedUrl.startsWith(bare.url), `the failed URL is the widget's server's: ${failedUrl}`);
        assert.ok(seen.failed.includes(failedUrl), `the browser failed to load ${failedUrl} too`);
        assert.deepEqual(seen.pageErrors, [], 'no uncaught errors');

        // The widget told the host its height, and the notice is inside the frame it sized.
        const height = await sizedHeight(page);
        assert.ok(height > 0, 'the widget posted its height from the fallback');
        const box = await page.locator('#widget').boundingBox();
        assert.ok(Math.abs(box.height - height) <= 1, `iframe ${box.height}px vs posted ${height}px`);
        const bottom = await notice.evaluate((n) => n.getBoundingClientRect().bottom);
        assert.ok(bottom <= box.height, `the notice (to ${bottom}px) fits the frame (${box.height}px)`);
        t.diagnostic(`screenshot: ${await screenshot(page, 'widget-fallback.png')}`);
      });
    } finally {
      await host.close();
    }
  });

  test('its link opens the same estimate on the full page, out of the sandbox', opts, async (t) => {
    const query = '?embed=1&agent=payables&payables.documents=250';
    const sandbox = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
    const host = await hostPage(`${bare.url}${query}`, sandbox, `${bare.url}examples/embed.js`);
    try {
      await withFailingPage(t, async (page) => {
        await page.goto(host.url);
        const link = page.frameLocator('#widget').locator(`[data-notice="load-failed"] ${OPEN}`);
        await link.waitFor({ state: 'visible', timeout: READY_TIMEOUT });
        const [full] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
        // The full page is not sandboxed: same-origin loads need no CORS, and it starts.
        await full.waitForSelector('html[data-app="ready"]', { state: 'attached', timeout: READY_TIMEOUT });
        await expectMetric(full, 'payables.credits_per_month', String(250 * 52));
        assert.equal(await full.locator('[data-view="widget"]').count(), 0, 'the full page, not the widget');
      });
    } finally {
      await host.close();
    }
  });

  test('with Access-Control-Allow-Origin the widget loads, with no error and no fallback', opts, async (t) => {
    const host = await hostPage(`${url}?embed=1&agent=payables&payables.documents=250`, 'allow-scripts', `${url}examples/embed.js`);
    try {
      await withPage(browser, t, async (page) => {
        await page.goto(host.url);
        const frame = page.frameLocator('#widget');
        await frame.locator('html[data-app="ready"]').waitFor({ state: 'attached', timeout: READY_TIMEOUT });
        const total = frame.locator('[data-metric="total.credits_per_month"]');
        assert.ok(await total.isVisible(), 'the widget shows its total');
        assert.equal(await total.getAttribute('data-value'), String(250 * 52));
        assert.equal(await frame.locator('[data-notice="load-failed"]').count(), 0);
        assert.equal(await frame.locator(OPEN).isVisible(), false, 'no loading link once ready');
        assert.ok((await sizedHeight(page)) > 200, 'the widget sized its iframe');
      });
    } finally {
      await host.close();
    }
  });

  test('while the widget loads, it already links to its estimate', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      const held = [];
      let open = false;
      await page.route('**/*.wasm', (route) => (open ? route.continue() : held.push(route)));
      await page.goto(`${url}?embed=1&agent=payables&payables.lines=10`, { waitUntil: 'domcontentloaded' });
      await waitVisible(page, '.boot-status a', 'the link in the loading line');
      assert.match(await page.locator('.boot-status').innerText(), /Loading the estimate…\s*Open this estimate/);
      assert.equal(await page.locator('.boot-status a').getAttribute('href'), `${url}?agent=payables&payables.lines=10`);
      assert.ok(held.length > 0, 'the Wasm was held back');
      open = true;
      for (const r of held.splice(0)) await r.continue();
      await page.waitForSelector('html[data-app="ready"]', { state: 'attached', timeout: READY_TIMEOUT });
      await expectMetric(page, 'total.credits_per_month', '7700');
      assert.equal(await page.locator('.boot-status').isVisible(), false);
    });
  });
});

describe('a widget whose own module cannot be downloaded', () => {
  test('says so the same way, with the link, instead of the default page', opts, async (t) => {
    await withFailingPage(t, async (page, seen) => {
      // The first module loads; the widget's view module (split_widget.wasm) does not.
      await page.route(/split_widget\.wasm$/, (route) => route.abort());
      await page.goto(`${url}?embed=1&agent=payables&payables.documents=250`);
      const notice = page.locator('[data-notice="load-failed"]');
      await notice.waitFor({ state: 'visible', timeout: READY_TIMEOUT });
      assert.match(await notice.innerText(), /The calculator couldn't load here\.\s*Open this estimate/);
      assert.ok(await notice.locator(OPEN).isVisible(), 'the link to the estimate');
      const state = await page.evaluate(() => ({
        app: document.documentElement.getAttribute('data-app'),
        figures: [...document.querySelectorAll('[data-metric]')].filter((e) => e.checkVisibility()).length,
        notices: document.querySelectorAll('[data-notice="load-failed"]').length,
      }));
      assert.deepEqual(state, { app: 'failed', figures: 0, notices: 1 });
      assert.ok(seen.failed.some((u) => u.endsWith('split_widget.wasm')), 'the blocked request');
    });
  });
});

describe('the example host page', () => {
  test('served as scripts/serve serves it (Trunk.toml [serve] headers), it shows a ready widget', opts, async (t) => {
    const headers = serveHeaders();
    assert.equal(headers[CORS], '*', `Trunk.toml [serve] sends ${CORS}: * (found ${JSON.stringify(headers)})`);
    // Exactly the dev server's headers: the test server's own CORS header is dropped first.
    const served = await proxy(url, (h) => {
      delete h[CORS];
      Object.assign(h, headers);
    });
    try {
      await withPage(browser, t, async (page) => {
        await page.goto(`${served.url}examples/host.html`);
        const frame = page.frameLocator('#widget');
        await frame.locator('html[data-app="ready"]').waitFor({ state: 'attached', timeout: READY_TIMEOUT });
        const total = frame.locator('[data-metric="payables.credits_per_month"]');
        assert.ok(await total.isVisible());
        assert.equal(await total.getAttribute('data-value'), '5200');
        assert.equal(await frame.locator('[data-notice="load-failed"]').count(), 0);
        assert.ok((await sizedHeight(page)) > 200, 'embed.js sized the widget');
        const sandbox = await page.locator('#widget').getAttribute('sandbox');
        assert.doesNotMatch(sandbox, /allow-same-origin/, 'the example keeps the widget sandboxed');
      });
    } finally {
      await served.close();
    }
  });
});

describe('the favicon', () => {
  test('the page and the example host page have an icon, and no request for one fails', opts, async (t) => {
    await withPage(browser, t, async (page) => {
      const icons = [];
      page.on('response', (r) => /favicon|\bicon\b/i.test(new URL(r.url()).pathname) && icons.push(`${r.status()} ${r.url()}`));
      page.on('requestfailed', (r) => /favicon/i.test(r.url()) && icons.push(`failed ${r.url()}`));

      await openApp(page, url);
      // The icon is declared (so the browser never asks for /favicon.ico) and is an image the
      // page's CSP lets it show.
      const shown = await page.evaluate(async () => {
        const link = document.querySelector('link[rel~="icon"]');
        if (!link) return 'no <link rel="icon">';
        const img = new Image();
        img.src = link.href;
        try {
          await img.decode();
        } catch (e) {
          return `the icon does not load: ${e.message}`;
        }
        return img.naturalWidth > 0 ? 'ok' : 'an empty icon';
      });
      assert.equal(shown, 'ok');

      await page.goto(`${url}examples/host.html`);
      const hostIcon = await page.evaluate(async () => {
        const link = document.querySelector('link[rel~="icon"]');
        if (!link) return 'no <link rel="icon">';
        const res = await fetch(link.href);
        return `${res.status} ${res.headers.get('content-type')}`;
      });
      assert.equal(hostIcon, '200 image/svg+xml', "the host page's icon is in the build");
      await page.frameLocator('#widget').locator('html[data-app="ready"]').waitFor({ state: 'attached', timeout: READY_TIMEOUT });

      const bad = icons.filter((line) => !/^2\d\d /.test(line));
      assert.deepEqual(bad, [], `icon requests that failed (all: ${icons.join(', ') || 'none'})`);
    });
  });
});
