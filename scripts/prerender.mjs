// Prerenders the page into a built index.html: the default estimate, exactly as the app draws it,
// so a first visit shows its figures before any Wasm arrives.
//
// The built folder is served on 127.0.0.1 and opened in Debian's headless Chromium (the driver the
// whole-page tests use); once every part of the page is live (`html[data-complete]`), the `#app`
// element is copied as markup, with each field's current value written into its attributes, and
// put in place of the empty `#app` of index.html. The app builds the same page on load and swaps
// it in (src/takeover.rs), so the two can never disagree in structure: the copy is the app's own
// output for the same plan. A fresh browser context has no saved estimate and the English number
// format, which is what the page's boot script checks before letting the copy stand.
//
// Refuses (exit 1) markup with inline `style` attributes, which the page's Content Security
// Policy would block, and any page error while rendering.
//
// Usage: node scripts/prerender.mjs [DIR]   (default: $TRUNK_STAGING_DIR)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const E2E = path.join(ROOT, 'tests', 'e2e');
const TIMEOUT = 60_000;
/** The empty root in the built index.html (quotes optional: release builds are minified). */
const EMPTY_ROOT = /<div id="?app"?><\/div>/;
/**
 * Slots whose markup is not prerendered (see `capture`): the billing and sharing sections, and
 * the agents' overview and drivers (1,544 px down at 1280×900, 2,436 px on a 390 px phone).
 */
const LEFT_OUT = ['rest', 'overview'];

/** The browser driver is the whole-page tests' (tests/e2e/package-lock.json). */
function ensureDriver() {
  if (existsSync(path.join(E2E, 'node_modules', 'playwright-core'))) return;
  console.error('prerender: installing the browser driver (npm ci in tests/e2e)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: E2E,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** In the page: `#app` as markup, with live field values written into attributes. */
function capture(LEFT_OUT) {
  const live = document.getElementById('app');
  const copy = live.cloneNode(true);
  const fields = (root) => root.querySelectorAll('input, select, textarea');
  const from = fields(live);
  const to = fields(copy);
  for (let i = 0; i < from.length; i++) {
    const a = from[i];
    const b = to[i];
    if (a.tagName === 'SELECT') {
      for (const o of b.options) o.removeAttribute('selected');
      const chosen = b.options[a.selectedIndex];
      if (chosen) chosen.setAttribute('selected', '');
    } else if (a.tagName === 'TEXTAREA') {
      b.textContent = a.value;
    } else if (a.type === 'checkbox' || a.type === 'radio') {
      if (a.checked) b.setAttribute('checked', '');
      else b.removeAttribute('checked');
    } else if (a.type !== 'file') {
      b.setAttribute('value', a.value);
    }
  }
  // Start-up's own marks, not part of the page.
  for (const el of copy.querySelectorAll('[data-adopted]')) el.removeAttribute('data-adopted');
  // Below the first screen, left for the app: its markup was more than two thirds of the page,
  // and parsing it put the first estimate on screen ~15 ms later; the overview's 3.5 KB, another
  // ~10 ms on a first visit (BENCHMARKS.md). It shows
  // "Loading…" until its module arrives, as it does for any visitor (src/components/slot.rs).
  for (const name of LEFT_OUT) {
    const slot = copy.querySelector(`[data-slot="${name}"]`);
    if (!slot) throw new Error(`prerender: no slot "${name}" to leave out`);
    slot.replaceChildren();
    slot.setAttribute('aria-busy', 'true');
  }
  // The agents' low and high values are folded (the default estimate has none): only their
  // summary line is prerendered, the fields come with the live view. Their markup was a third of
  // the prerendered page, which the parser has to read before the total.
  // The same for the estimate's title, parties, date and notes (empty in the default estimate).
  for (const details of copy.querySelectorAll('details[data-ranges], details.about-edit')) {
    for (const child of [...details.children]) if (child.tagName !== 'SUMMARY') child.remove();
  }
  const styled = [...copy.querySelectorAll('[style]')].map((el) => el.outerHTML.slice(0, 160));
  return { html: copy.outerHTML, styled };
}

/**
 * Moves the boot script (index.html's `<script data-boot>`, at the end of the body) to right
 * after the month at a glance in the prerendered page. It reveals the page (`data-plan`), and as
 * a script after the stylesheet it runs once the stylesheet is in: from there the header and the
 * total can be shown while the parser reads the agents' cards, instead of after the whole page.
 * A first visit's total reached the document 4 ms sooner (BENCHMARKS.md). The app replaces the
 * prerendered root, and the script with it, once it has run.
 */
function bootAfterGlance(html) {
  const boot = /<script data-boot(?:="")?>[\s\S]*?<\/script>/.exec(html);
  if (!boot) throw new Error('prerender: no <script data-boot> in index.html');
  const rest = html.slice(0, boot.index) + html.slice(boot.index + boot[0].length);
  const glance = rest.indexOf('<aside class="summary glance"');
  const end = glance < 0 ? -1 : rest.indexOf('</aside>', glance);
  if (end < 0) throw new Error('prerender: no month at a glance (aside.glance) in the prerendered page');
  const at = end + '</aside>'.length;
  return rest.slice(0, at) + boot[0] + rest.slice(at);
}

export async function prerender(dir) {
  const index = path.join(dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  if (!EMPTY_ROOT.test(html)) throw new Error(`prerender: ${index} has no empty <div id="app">`);
  ensureDriver();
  const { launchBrowser } = await import(pathToFileURL(path.join(E2E, 'helpers.mjs')).href);
  const { serve } = await import(pathToFileURL(path.join(E2E, 'server.mjs')).href);
  const server = await serve(dir);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon/.test(m.location()?.url || '')) errors.push(m.text());
    });
    await page.goto(server.url, { timeout: TIMEOUT });
    await page.waitForSelector('html[data-complete]', { state: 'attached', timeout: TIMEOUT });
    const { html: markup, styled } = await page.evaluate(capture, LEFT_OUT);
    if (errors.length) throw new Error(`prerender: the page reported errors: ${errors.join(' | ')}`);
    if (styled.length) {
      throw new Error(
        `prerender: ${styled.length} element(s) with inline style attributes, which the CSP blocks: ${styled[0]}`,
      );
    }
    if (!markup.startsWith('<div id="app"')) throw new Error('prerender: #app was not captured');
    writeFileSync(index, bootAfterGlance(html.replace(EMPTY_ROOT, () => markup)));
    console.error(`prerender: ${index}: ${markup.length.toLocaleString('en-US')} characters of markup`);
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('prerender: no folder (TRUNK_STAGING_DIR or an argument)');
    process.exit(2);
  }
  prerender(dir).catch((err) => {
    console.error(err && err.message ? err.message : err);
    process.exit(1);
  });
}
