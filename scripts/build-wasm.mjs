// Builds the app's Wasm, split into modules loaded on demand, into a Trunk staging folder, and
// writes the loader into its index.html. Called by scripts/post-build.mjs (Trunk's post-build
// hook); Trunk itself only builds the stylesheet and copies examples/.
//
// Why not Trunk's own Rust pipeline: splitting has to happen between the compiler and
// wasm-bindgen (trunk-rs/trunk#1022). The steps, as cargo-leptos does them for `--split`:
//   1. cargo build for wasm32 with `--cfg split` (src/split.rs turns its functions into split
//      points) and `-Clink-args=--emit-relocs` (the splitter follows relocations), in its own
//      target folder so these flags never invalidate the test and lint builds;
//   2. wasm-split-cli (wasm_split_cli_support, installed by scripts/setup) cuts the module into
//      `main.wasm`, one module per split point, shared chunks, and `__wasm_split.js`, the loader
//      the split points call (its page loader then made to start its downloads in a task of
//      its own, `deferPageLoad`, and the whole loader put inside the JS glue, `withLoader`);
//   3. wasm-bindgen on main.wasm only (`--keep-lld-exports`: the chunks link against them);
//   4. wasm-opt -Oz on every module, terser on the JS (release builds);
//   5. everything into `pkg-<hash>/`, named by a hash of the whole set: the modules refer to each
//      other by fixed relative names, so the folder, not each file, carries the cache-busting
//      hash, and a new build is never mixed with an old one;
//   6. index.html gets the loader: modulepreload for the JS, a head script that compiles main's
//      Wasm while it downloads, and the module script (importing the glue) that starts it
//      (minified by terser in release builds), or says on the page that it could not.
//
// Usage: node scripts/build-wasm.mjs [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)
// Environment: TRUNK_PROFILE=release|debug (release: --release and wasm-opt), CARGO_TARGET_DIR.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = 'agent-credits';
/** The public names of the split points in src/split.rs, and what each view needs first. */
const VIEWS = { page: ['page'], widget: ['widget'], parts: ['parts'], custom: ['custom'], json: ['json'] };

function run(cmd, args, opts = {}) {
  const shown = [cmd, ...args.map((a) => path.relative(ROOT, a) || a)].join(' ');
  console.error(`build-wasm: ${shown}`);
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: ROOT, ...opts });
}

/** `split name -> [files]`, read from the loader wasm-split-cli wrote. */
function splitMap(loaderJs) {
  const chunks = {};
  for (const m of loaderJs.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.-]+\.wasm)"/g)) {
    chunks[m[1]] = m[2];
  }
  const map = {};
  const re = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n, \[([^\]]*)\]\)\);/g;
  for (const m of loaderJs.matchAll(re)) {
    const own = /new URL\("\.\/([\w.-]+\.wasm)"/.exec(m[2]);
    const deps = m[3]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((d) => {
        if (!chunks[d]) throw new Error(`build-wasm: ${d} is not a chunk of __wasm_split.js`);
        return chunks[d];
      });
    map[m[1]] = [...deps, ...(own ? [own[1]] : [])];
  }
  return map;
}

/**
 * The page's module starts its downloads in a task of its own. Starting them (a dozen `fetch`
 * and streaming compiles) held the main thread 3-30 ms here, in the task that had just put a
 * shared link's total on the page (src/boot.rs), so the total waited for them to reach the
 * screen; now it is painted first (BENCHMARKS.md). The split point's caller awaits the callback,
 * never the return value, so it is unchanged. Fails the build if the loader's shape changed.
 */
function deferPageLoad(loaderJs) {
  const decl = 'export const __wasm_split_load_page = ';
  if (!loaderJs.includes(decl)) throw new Error('build-wasm: __wasm_split.js no longer declares __wasm_split_load_page');
  return `${loaderJs.replace(decl, 'const loadPageNow = ')}
export const __wasm_split_load_page = (callbackIndex, callbackData) => {
    setTimeout(() => loadPageNow(callbackIndex, callbackData), 0);
};
`;
}

/**
 * The glue with the split points' loader inside it: one ES module instead of two that import
 * each other. The page's loader script runs when its module graph is ready; with two modules
 * that came 10-20 ms after the page was parsed, as the browser compiled and linked them between
 * other tasks, and with one it comes right after (BENCHMARKS.md). The loader's code keeps its
 * own scope; the glue's namespace imports of it become references to the object of its exports
 * (the Wasm imports them by name). Fails the build if either file's shape changed.
 */
function withLoader(glueJs, loaderJs) {
  const importGlue = /^import \{ initSync \} from "\.\/main\.js";?\n/m;
  if (!importGlue.test(loaderJs)) throw new Error('build-wasm: __wasm_split.js no longer imports initSync from main.js');
  const body = loaderJs.replace(importGlue, '');
  const exported = [...body.matchAll(/^export const (\w+) = /gm)].map((m) => m[1]);
  if (exported.length === 0) throw new Error('build-wasm: __wasm_split.js exports nothing');
  const importLoader = /^import \* as (\w+) from "\.\/__wasm_split\.js";?\n/gm;
  const aliases = [...glueJs.matchAll(importLoader)].map((m) => m[1]);
  if (aliases.length === 0) throw new Error('build-wasm: main.js no longer imports __wasm_split.js');
  const scoped = body.replace(/^export const /gm, 'const ');
  return [
    '// The split points\' loader (wasm-split-cli\'s __wasm_split.js), bundled by scripts/build-wasm.mjs.',
    `const __wasm_split = (() => {\n${scoped}\nreturn { ${exported.join(', ')} };\n})();`,
    ...aliases.map((a) => `const ${a} = __wasm_split;`),
    glueJs.replace(importLoader, ''),
  ].join('\n');
}

export function buildWasm(staging, { release }) {
  const target = path.resolve(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'split');
  const profile = release ? 'release' : 'debug';
  const cargoArgs = ['build', '--locked', '--target', 'wasm32-unknown-unknown', '--bin', BIN];
  if (release) cargoArgs.push('--release');
  const rustflags = [process.env.RUSTFLAGS, '--cfg split', '-Clink-args=--emit-relocs']
    .filter(Boolean)
    .join(' ');
  run('cargo', cargoArgs, { env: { ...process.env, CARGO_TARGET_DIR: target, RUSTFLAGS: rustflags } });
  const input = path.join(target, 'wasm32-unknown-unknown', profile, `${BIN}.wasm`);

  const work = path.join(target, 'wasm-split', profile);
  rmSync(work, { recursive: true, force: true });
  const splitDir = path.join(work, 'split');
  const pkg = path.join(work, 'pkg');
  mkdirSync(pkg, { recursive: true });
  run('wasm-split-cli', [input, splitDir]);
  run('wasm-bindgen', [
    '--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
    '--out-dir', pkg, '--out-name', 'main', path.join(splitDir, 'main.wasm'),
  ]);
  for (const f of readdirSync(splitDir)) {
    if (f !== 'main.wasm') copyFileSync(path.join(splitDir, f), path.join(pkg, f));
  }
  // Which modules each split point needs, read before the loader is minified.
  const loader = path.join(pkg, '__wasm_split.js');
  const split = existsSync(loader) ? splitMap(readFileSync(loader, 'utf8')) : {};
  for (const name of Object.values(VIEWS).flat()) {
    if (existsSync(loader) && !split[name]) {
      throw new Error(`build-wasm: split point "${name}" (src/split.rs) is missing from __wasm_split.js`);
    }
  }
  if (existsSync(loader)) {
    const glue = path.join(pkg, 'main.js');
    const loaderJs = deferPageLoad(readFileSync(loader, 'utf8'));
    writeFileSync(glue, withLoader(readFileSync(glue, 'utf8'), loaderJs));
    rmSync(loader);
  }
  if (release) {
    for (const f of readdirSync(pkg).filter((f) => f.endsWith('.wasm'))) {
      // Until nothing changes (a second -Oz pass still shrank the modules), without the
      // producers and target-features sections nothing reads: 2 KiB less on a first visit.
      run('wasm-opt', ['-Oz', '--converge', '--strip-producers', '--strip-target-features', path.join(pkg, f), '-o', path.join(pkg, f)]);
    }
    // The glue is an ES module: its exports keep their names, the import object its keys.
    for (const f of readdirSync(pkg).filter((f) => f.endsWith('.js'))) {
      run('terser', [path.join(pkg, f), '--module', '--compress', '--mangle', '-o', path.join(pkg, f)]);
    }
  }

  const files = readdirSync(pkg).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(readFileSync(path.join(pkg, f)));
  const dirName = `pkg-${hash.digest('hex').slice(0, 16)}`;
  const out = path.join(staging, dirName);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const f of files) copyFileSync(path.join(pkg, f), path.join(out, f));

  writeLoader(path.join(staging, 'index.html'), dirName, release);
  writeFileSync(
    path.join(out, 'split-map.json'),
    JSON.stringify({ base: `./${dirName}/`, entry: ['main.js', 'main_bg.wasm'], split }, null, 2) + '\n',
  );
  console.error(`build-wasm: ${dirName}/: ${files.length} files`);
  return { dir: dirName, split };
}

/**
 * The loader, a module script: it runs once the page is parsed (the prerendered figures are in
 * the document by then) and starts the first module, compiled by the head script while it
 * downloaded, instantiating it in the same task. The first module fetches the modules of the
 * view it chooses itself (and the JSON code when a compact link parameter, custom agents' keys
 * or a saved estimate need it), all at once, right after a shared link's total is on screen
 * (src/boot.rs). The loader used to preload
 * them before starting the first module: creating those requests took 10-17 ms of the main thread
 * just before a link's total, and starting them a few milliseconds later cost nothing measurable
 * (BENCHMARKS.md). Preloading them from the boot script, before the body was parsed, had put the
 * prerendered total in the document later as well.
 *
 * The glue is a static import: the browser fetches and links it while the page is parsed, and
 * the loader runs as soon as parsing ends. A dynamic `import()` of it resolved only after the
 * load event, with the main thread idle meanwhile, and an async loader, which starts the first
 * module while the page is parsed, competed with the parser: both put a link's total on screen
 * about 20 ms later (BENCHMARKS.md). When the glue cannot be downloaded the loader never runs
 * and the browser fires `error` at it; the boot script listens (`data-main` names the file).
 * The usual cause is a widget in a sandboxed iframe on a host that does not send
 * `Access-Control-Allow-Origin`: its origin is opaque, so the module script and the Wasm load
 * with CORS (README "Publishing"). When the first module cannot be downloaded, or the app cannot
 * start, the loader itself calls `agentCreditsFailed` (index.html's boot script), which says so
 * on the page, with the widget's link to the full estimate, instead of "Loading…" for ever.
 */
function loaderScript(base) {
  return [
    `import init, { initSync } from "${base}main.js";`,
    `const base = ${JSON.stringify(base)};`,
    // A download's failure names the file; a failure to start (`f` undefined), the error.
    `const failed = (f) => (e) => window.agentCreditsFailed?.(f && new URL(base + f, location.href).href, e);`,
    // A compiled module is instantiated at once (`initSync`): the asynchronous `init` resolved
    // only in a later task, 10-15 ms later on a busy main thread (BENCHMARKS.md). Bytes, from
    // the fallback below, are compiled asynchronously.
    `const ready = (w) => (w instanceof WebAssembly.Module ? initSync({ module: w }) : init({ module_or_path: w }));`,
    // The first module, compiled while it downloaded (the head script, `compileScript`); when
    // that failed (a host serving .wasm with another MIME type), compiled from its bytes.
    `(window.agentCreditsFirst || Promise.reject()).then(ready, () =>`,
    `  fetch(base + "main_bg.wasm").then((r) => r.arrayBuffer(), failed("main_bg.wasm")).then((b) => b && ready(b))`,
    `).catch(failed());`,
  ].join('\n');
}

/**
 * A classic script in the head, so it runs while the page is still arriving: it starts
 * downloading and compiling the first module at once, streaming, in the browser's background
 * threads. The loader (a module script, which runs only once the page is parsed) instantiates
 * the compiled module; without this, compiling began only then, and a shared link's total came
 * later (BENCHMARKS.md). A host that serves .wasm with another MIME type makes compileStreaming
 * fail: the loader then compiles from the bytes.
 */
function compileScript(base) {
  // Handled here too, so a failure (the loader then fetches the bytes itself) is no "uncaught" error.
  return `(window.agentCreditsFirst = WebAssembly.compileStreaming(fetch("${base}main_bg.wasm", { credentials: "same-origin" }))).catch(() => {});`;
}

/** Minifies an inline module script with terser, as the glue is (release builds): bytes every visit pays. */
function minifyModule(code) {
  return execFileSync('terser', ['--module', '--compress', '--mangle'], { cwd: ROOT, input: code, encoding: 'utf8' }).trim();
}

function writeLoader(indexFile, dir, release) {
  let html = readFileSync(indexFile, 'utf8');
  const base = `./${dir}/`;
  const tags = [
    `<link rel="modulepreload" href="${base}main.js" />`,
    `<script type="module" data-main="${base}main.js">${release ? minifyModule(loaderScript(base)) : loaderScript(base)}</script>`,
  ];
  // Trunk leaves the skipped Rust link in place (index.html says why it is there).
  // (Release builds are minified by Trunk: attribute quotes may be gone.)
  html = html.replace(/\s*<link[^>]*\bdata-trunk-skip\b[^>]*>/, '');
  if (!html.includes('</head>')) throw new Error('build-wasm: index.html has no </head>');
  html = html.replace('</head>', `${tags.join('')}</head>`);
  // Before the stylesheet: a classic script after it would wait for it, and hold up the parser.
  const firstLink = html.indexOf('<link');
  if (firstLink < 0 || firstLink > html.indexOf('</head>')) throw new Error('build-wasm: no <link> in the head');
  html = `${html.slice(0, firstLink)}<script>${compileScript(base)}</script>${html.slice(firstLink)}`;
  writeFileSync(indexFile, html);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const staging = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!staging) {
    console.error('build-wasm: no staging folder (TRUNK_STAGING_DIR or an argument)');
    process.exit(2);
  }
  buildWasm(staging, { release: process.env.TRUNK_PROFILE === 'release' });
}
