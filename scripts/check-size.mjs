// Keeps each load from growing unnoticed: sums, gzipped at level 9 as scripts/bench measures,
// what a load fetches before the app is ready, and fails above that load's ceiling.
//
//   page    index.html, the stylesheet, the JS glue and split loader, the first Wasm module, and
//           the modules of the page's view (split-map.json, written by scripts/build-wasm.mjs)
//   widget  the same with the widget's modules (`?embed=1&agent=…`)
//
// The parts below the estimate, custom agents' cards and the JSON code load later and are not
// counted. The budgets (scripts/bench, BENCHMARKS.md) are 200 KiB for the page (aim 150) and
// 120 KiB for the widget; each ceiling here is a ratchet a little above the measured size, so a
// change that adds bytes is a decision: lower a ceiling when its load shrinks, and raise it only
// with a line in BENCHMARKS.md saying what the bytes buy. Sizes are deterministic for a given
// toolchain, so, unlike timings, this check can gate a change. The whole-page test "the bytes
// each load fetches" checks the same against what the browser really fetched.
//
// Usage: node scripts/check-size.mjs [dist]   (default: dist)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const KiB = 1024;
/** Per load: the ceiling, and the budget it is working down to. */
export const CEILINGS = {
  page: { ceiling: 199.5 * KiB, budget: 200 * KiB },
  widget: { ceiling: 118.5 * KiB, budget: 120 * KiB },
};

/** The files each load fetches before ready, from a built folder. */
export function loads(dist) {
  const pkg = readdirSync(dist).find((f) => /^pkg-[0-9a-f]+$/.test(f) && statSync(path.join(dist, f)).isDirectory());
  if (!pkg) throw new Error(`no pkg-<hash>/ in ${dist}; build the release site first`);
  const map = JSON.parse(readFileSync(path.join(dist, pkg, 'split-map.json'), 'utf8'));
  // The page's stylesheet; noscript.css is fetched only without scripts.
  const css = readdirSync(dist).filter((f) => f.endsWith('.css') && f !== 'noscript.css');
  const loader = existsSync(path.join(dist, pkg, '__wasm_split.js')) ? [`${pkg}/__wasm_split.js`] : [];
  const first = ['index.html', ...css, `${pkg}/main.js`, ...loader, `${pkg}/main_bg.wasm`];
  const out = {};
  for (const view of Object.keys(CEILINGS)) {
    out[view] = [...first, ...(map.split[view] || []).map((f) => `${pkg}/${f}`)];
  }
  return out;
}

export const gzipSize = (file) => zlib.gzipSync(readFileSync(file), { level: 9 }).length;

function main() {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    console.error(`check-size: ${dist}/index.html does not exist; build the release site first`);
    process.exit(2);
  }
  const kib = (n) => `${(n / KiB).toFixed(1)} KiB`;
  let failed = false;
  for (const [view, files] of Object.entries(loads(dist))) {
    let total = 0;
    for (const f of files) total += gzipSize(path.join(dist, f));
    const { ceiling, budget } = CEILINGS[view];
    console.log(
      `${view.padEnd(7)} ${kib(total).padStart(10)} in ${files.length} files ` +
        `(ceiling ${kib(ceiling)}, budget ${kib(budget)})`,
    );
    if (total > ceiling) {
      failed = true;
      console.error(
        `check-size: the ${view} load grew to ${kib(total)}, over its ceiling of ${kib(ceiling)}. ` +
          'Find what added the bytes (BENCHMARKS.md); if they are worth it, raise the ceiling in ' +
          'scripts/check-size.mjs and say why in BENCHMARKS.md.',
      );
    }
  }
  if (failed) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
